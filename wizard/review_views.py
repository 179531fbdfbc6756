"""Thin views of the review workflow: status changes, comments, history, the audit trail, the
reviewer's queue and the published page for staff.

The business rules live in wizard/workflow.py and wizard/history.py; a refusal there is a
`PermissionDenied` with a clear message, which Django answers with the 403 page.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Callable
from functools import wraps
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from wizard import history, statements, workflow
from wizard.document import policy_document
from wizard.export import ExportError, export_filename, policy_export_file
from wizard.fragments import fragment_key
from wizard.models import AuditEvent, Membership, Organisation, Policy
from wizard.permissions import can_edit, get_policy_or_404, require_reviewer
from wizard.review_forms import CommentForm, CompareForm, DecisionForm, ResolveForm, RestoreForm
from wizard.steps import resume_url

QUEUE_PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50

NOT_A_REVIEWER_ANYWHERE = gettext_lazy("The review queue is for reviewers.")


def policy_post(view: Callable) -> Callable:
    """A POST-only action on one of the user's policies, passed in as `policy`.

    The policy is looked up first: another organisation's policy is 404 for every method,
    exactly like one that does not exist.
    """

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        return view(request, get_policy_or_404(request.user, pk), **kwargs)

    return wrapper


def back_to(request: HttpRequest, policy: Policy) -> HttpResponse:
    """To the page the form was on when it says so and it is ours, else the review page."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("policy_review", pk=policy.pk)


def paginate(request: HttpRequest, queryset, size: int):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


# --- Status changes -------------------------------------------------------------------------


@policy_post
def policy_submit(request: HttpRequest, policy: Policy) -> HttpResponse:
    workflow.policy_submit(policy=policy, user=request.user)
    messages.success(request, _("The policy is submitted for review. The reviewers get an e-mail."))
    return redirect("policy_review", pk=policy.pk)


def _decision_note(request: HttpRequest) -> str | None:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("note", [])))
        return None
    return form.cleaned_data["note"]


@policy_post
def policy_request_changes(request: HttpRequest, policy: Policy) -> HttpResponse:
    note = _decision_note(request)
    if note is None:
        return redirect("policy_review", pk=policy.pk)
    workflow.policy_request_changes(policy=policy, user=request.user, note=note)
    messages.success(request, _("Changes are requested. The author gets an e-mail."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_approve(request: HttpRequest, policy: Policy) -> HttpResponse:
    note = _decision_note(request)
    if note is None:
        return redirect("policy_review", pk=policy.pk)
    workflow.policy_approve(policy=policy, user=request.user, note=note)
    messages.success(request, _("The policy is approved. The author gets an e-mail."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_publish(request: HttpRequest, policy: Policy) -> HttpResponse:
    workflow.policy_publish(policy=policy, user=request.user)
    messages.success(request, _("The policy is published. Share the staff link with your staff."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_archive(request: HttpRequest, policy: Policy) -> HttpResponse:
    workflow.policy_archive(policy=policy, user=request.user)
    messages.success(request, _("The policy is archived."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_new_version(request: HttpRequest, policy: Policy) -> HttpResponse:
    draft = workflow.policy_new_version(policy=policy, user=request.user)
    messages.info(request, workflow.NEW_VERSION_NOTICE)
    return redirect(resume_url(draft))


# --- Comments -------------------------------------------------------------------------------


@policy_post
def comment_add(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return back_to(request, policy)
    try:
        workflow.comment_add(
            policy=policy,
            user=request.user,
            block_key=form.cleaned_data["block_key"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back_to(request, policy)
    messages.success(request, _("Your comment is saved."))
    return back_to(request, policy)


@policy_post
def comment_resolve(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = ResolveForm(request.POST)
    if not form.is_valid():
        raise Http404
    comment = get_object_or_404(policy.comments.all(), pk=form.cleaned_data["comment"])
    workflow.comment_resolve(comment=comment, user=request.user)
    messages.success(request, _("The comment is marked as resolved."))
    return back_to(request, policy)


# --- History --------------------------------------------------------------------------------


@login_required
@require_GET
def policy_history(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    page = paginate(request, history.history_timeline(policy), HISTORY_PAGE_SIZE)
    # kind, created_at, number, …: only a render of the cached part needs them named.
    numbers = [row[2] for row in page.object_list if row[0] == "revision"]
    editable = policy.is_content_editable and can_edit(request.user, policy)
    return render(
        request,
        "review/history.html",
        {
            "policy": policy,
            "page": page,
            "rows": SimpleLazyObject(lambda: history.timeline_rows(page.object_list)),
            "newer_default": numbers[0] if numbers else None,
            "older_default": numbers[1] if len(numbers) > 1 else None,
            "editable": editable,
            # Everything the cached part shows; the restore form with its token is outside it.
            "history_key": fragment_key(
                "history",
                policy.pk,
                policy.title,
                policy.organisation.name,
                policy.status,
                editable,
                page.number,
                page.paginator.num_pages,
                page.object_list,
            ),
        },
    )


@login_required
@require_GET
def policy_compare(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    form = CompareForm(request.GET)
    if form.is_valid():
        wanted = sorted({form.cleaned_data["older"], form.cleaned_data["newer"]})
    else:
        wanted = sorted(policy.revisions.values_list("number", flat=True)[:2])
    revisions = {r.number: r for r in policy.revisions.filter(number__in=wanted)}
    if len(revisions) != len(wanted) or not revisions:
        raise Http404
    older, newer = revisions[wanted[0]], revisions[wanted[-1]]
    return render(
        request,
        "review/compare.html",
        {
            "policy": policy,
            "older": older,
            "newer": newer,
            "blocks": history.revisions_compare(policy, older, newer),
        },
    )


@policy_post
def revision_restore(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = RestoreForm(request.POST)
    if not form.is_valid():
        raise Http404
    revision = get_object_or_404(policy.revisions.all(), number=form.cleaned_data["revision"])
    history.revision_restore(policy=policy, revision=revision, user=request.user)
    messages.success(
        request,
        _("Revision %(number)s is restored as a new revision.") % {"number": revision.number},
    )
    return redirect("policy_history", pk=policy.pk)


# --- Audit trail and review queue -----------------------------------------------------------


@functools.cache
def _audit_sql() -> tuple[str, str]:
    """The count and page statements of the audit trail, built once per process (see
    wizard/statements.py on why these pages read plain rows)."""
    user = get_user_model()
    e, u = statements.table(AuditEvent), statements.table(user)
    ev = {n: statements.column(AuditEvent, n) for n in ("id", "policy", "created_at", "actor")}
    ev |= {n: statements.column(AuditEvent, n) for n in ("action", "detail")}
    user_pk, username = statements.column(user, "id"), statements.column(user, "username")
    count = f"SELECT COUNT(*) FROM {e} WHERE {ev['policy']} = %s"  # noqa: S608 - model names only
    page = (
        f"SELECT e.{ev['created_at']}, u.{username}, e.{ev['action']}, e.{ev['detail']}"  # noqa: S608 - model names only
        f" FROM {e} e LEFT OUTER JOIN {u} u ON u.{user_pk} = e.{ev['actor']}"
        f" WHERE e.{ev['policy']} = %s"
        f" ORDER BY e.{ev['created_at']} DESC, e.{ev['id']} DESC LIMIT %s OFFSET %s"
    )
    return count, page


AUDIT_FIELDS = ("created_at", "actor", "action", "detail")


def audit_trail(policy: Policy) -> statements.RawRows:
    """The policy's audit events, newest first, for the paginator: tuples of created_at,
    the actor's username (None: the system), action and detail, as the database gives them
    (`audit_events` names and converts them)."""
    count_sql, page_sql = _audit_sql()
    return statements.RawRows(
        lambda: statements.read_value(count_sql, [policy.pk]),
        lambda offset, limit: statements.read_rows(page_sql, [policy.pk, limit, offset]),
    )


def audit_events(rows) -> list[dict]:
    fields = (AuditEvent._meta.get_field("created_at"),)
    return [
        {
            **dict(zip(AUDIT_FIELDS, row, strict=True)),
            "action_label": history.ACTION_LABELS.get(row[2], row[2]),
        }
        for row in statements.converted(rows, fields)
    ]


@login_required
@require_GET
def policy_audit(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    require_reviewer(request.user, policy)
    page = paginate(request, audit_trail(policy), AUDIT_PAGE_SIZE)
    return render(
        request,
        "review/audit.html",
        {
            "policy": policy,
            "page": page,
            # Named and converted only when the cached part is rendered.
            "events": SimpleLazyObject(lambda: audit_events(page.object_list)),
            "audit_key": fragment_key(
                "audit",
                policy.pk,
                policy.title,
                policy.organisation.name,
                page.number,
                page.paginator.num_pages,
                page.object_list,
            ),
        },
    )


@functools.cache
def _queue_sql() -> dict[str, str]:
    """The statements of the review queue, built once per process (see wizard/statements.py on
    why these pages read plain rows). `orgs`, the organisations the user reviews, is a
    subquery taking the user's id and the reviewer role.

    Filtering policies by `organisation_id IN (…)` lets the database walk the policy indexes
    per organisation; the join through organisation and membership made it read every policy
    of those organisations (all 20,000 at the 8.4 scale) to check their status. The pages are
    chosen on primary keys and only their rows are read and joined: sorting keys read from an
    index is cheap; sorting full rows (with their joins) meant reading every matching row.
    """
    col = statements.column
    user = get_user_model()
    m, p, o, u = (statements.table(model) for model in (Membership, Policy, Organisation, user))
    m_user, m_role, m_org = (col(Membership, n) for n in ("user", "role", "organisation"))
    pk, status, organisation, title = (
        col(Policy, n) for n in ("id", "status", "organisation", "title")
    )
    submitted_at, submitted_by = col(Policy, "submitted_at"), col(Policy, "submitted_by")
    version_label, next_review = col(Policy, "version_label"), col(Policy, "next_review_date")
    org_pk, org_name = col(Organisation, "id"), col(Organisation, "name")
    user_pk, username = col(user, "id"), col(user, "username")
    orgs = f"SELECT {m_org} FROM {m} WHERE {m_user} = %s AND {m_role} = %s"  # noqa: S608 - model names only
    return {
        # Whether the user reviews anywhere, and how many policies wait there.
        "count": (
            f"SELECT (SELECT 1 FROM {m} WHERE {m_user} = %s AND {m_role} = %s LIMIT 1),"  # noqa: S608 - model names only
            f" (SELECT COUNT(*) FROM {p} WHERE {status} = %s AND {organisation} IN ({orgs}))"
        ),
        "waiting": (
            f"SELECT p.{pk}, p.{title}, o.{org_name}, p.{version_label}, p.{submitted_at},"  # noqa: S608 - model names only
            f" u.{username}"
            f" FROM (SELECT {pk} AS k FROM {p} WHERE {status} = %s AND {organisation} IN ({orgs})"
            f"  ORDER BY {submitted_at}, {pk} LIMIT %s OFFSET %s) keys"
            f" INNER JOIN {p} p ON p.{pk} = keys.k"
            f" INNER JOIN {o} o ON o.{org_pk} = p.{organisation}"
            f" LEFT OUTER JOIN {u} u ON u.{user_pk} = p.{submitted_by}"
            f" ORDER BY p.{submitted_at}, p.{pk}"
        ),
        "due": (
            f"SELECT p.{pk}, p.{title}, o.{org_name}, p.{status}, p.{next_review}"  # noqa: S608 - model names only
            f" FROM (SELECT {pk} AS k FROM {p} WHERE {status} IN (%s, %s)"
            f"  AND {next_review} <= %s AND {organisation} IN ({orgs})"
            f"  ORDER BY {next_review}, {pk} LIMIT %s) keys"
            f" INNER JOIN {p} p ON p.{pk} = keys.k"
            f" INNER JOIN {o} o ON o.{org_pk} = p.{organisation}"
            f" ORDER BY p.{next_review}, p.{pk}"
        ),
    }


def _reviewer(user) -> list:
    return [user.pk, Membership.Role.REVIEWER.value]


def review_queue_count(user) -> tuple[bool, int]:
    """Whether `user` reviews any organisation, and how many policies wait there: one query."""
    sql = _queue_sql()["count"]
    params = [*_reviewer(user), Policy.Status.IN_REVIEW.value, *_reviewer(user)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        reviews, count = cursor.fetchone()
    return bool(reviews), count


QUEUE_FIELDS = ("pk", "title", "organisation", "version_label", "submitted_at", "submitted_by")


def review_queue_for(user, count: int) -> statements.RawRows:
    """Policies waiting for review in the organisations `user` reviews (`count` of them),
    oldest first, for the paginator: tuples of pk, title, organisation (its name),
    version_label, submitted_at and submitted_by (a username or None), as the database gives
    them (`queue_rows` names and converts them)."""

    def page(offset: int, limit: int) -> list[tuple]:
        params = [Policy.Status.IN_REVIEW.value, *_reviewer(user), limit, offset]
        return statements.read_rows(_queue_sql()["waiting"], params)

    return statements.RawRows(lambda: count, page)


def queue_rows(rows) -> list[dict]:
    fields = (None, None, None, None, Policy._meta.get_field("submitted_at"))
    return [dict(zip(QUEUE_FIELDS, row, strict=True)) for row in statements.converted(rows, fields)]


DUE_FIELDS = ("pk", "title", "organisation", "status", "next_review_date")


def reviews_due_for(user, limit: int) -> list[tuple]:
    """Approved and published policies whose periodic review is due soon or overdue, the most
    urgent `limit`: tuples of pk, title, organisation (its name), status and
    next_review_date, as the database gives them (`due_rows` names and converts them)."""
    soon = timezone.localdate() + datetime.timedelta(days=workflow.REVIEW_DUE_SOON_DAYS)
    params = [
        Policy.Status.APPROVED.value,
        Policy.Status.PUBLISHED.value,
        connection.ops.adapt_datefield_value(soon),
        *_reviewer(user),
        limit,
    ]
    return statements.read_rows(_queue_sql()["due"], params)


def due_rows(rows) -> list[dict]:
    """Dicts of the `reviews_due_for` rows, with due: "overdue" or "due" today."""
    today = timezone.localdate()
    fields = (None, None, None, None, Policy._meta.get_field("next_review_date"))
    due = []
    for row in statements.converted(rows, fields):
        entry = dict(zip(DUE_FIELDS, row, strict=True))
        entry["due"] = workflow.review_due_state(SimpleNamespace(**entry), today=today)
        due.append(entry)
    return due


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    reviews, count = review_queue_count(request.user)
    if not reviews:
        raise PermissionDenied(NOT_A_REVIEWER_ANYWHERE)
    page = paginate(request, review_queue_for(request.user, count), QUEUE_PAGE_SIZE)
    # The most urgent ones, in one query; one more than shown tells whether there are others.
    due = reviews_due_for(request.user, QUEUE_PAGE_SIZE + 1)
    more_due = len(due) > QUEUE_PAGE_SIZE
    due = due[:QUEUE_PAGE_SIZE]
    return render(
        request,
        "review/queue.html",
        {
            "page": page,
            # Named and converted (due flags and all) only when the cached part is rendered.
            "waiting": SimpleLazyObject(lambda: queue_rows(page.object_list)),
            "due": SimpleLazyObject(lambda: due_rows(due)),
            "more_due": more_due,
            # Everything the page shows but the header; the due flags follow from the dates
            # and today's date, which is in every key.
            "queue_key": fragment_key(
                "review-queue",
                count,
                page.number,
                page.paginator.num_pages,
                page.object_list,
                due,
                more_due,
            ),
        },
    )


# --- The staff link -------------------------------------------------------------------------


@policy_post
def policy_share(request: HttpRequest, policy: Policy) -> HttpResponse:
    workflow.policy_share_link_create(policy=policy, user=request.user)
    messages.success(request, _("A new staff link is ready. Any earlier link no longer works."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_share_revoke(request: HttpRequest, policy: Policy) -> HttpResponse:
    workflow.policy_share_link_revoke(policy=policy, user=request.user)
    messages.success(request, _("The staff link no longer works."))
    return redirect("policy_review", pk=policy.pk)


def published_policy_or_404(token: str) -> Policy:
    policy = (
        Policy.objects.select_related("organisation")
        .filter(status=Policy.Status.PUBLISHED, share_token=token)
        .exclude(share_token="")
        .first()
    )
    if policy is None:
        raise Http404
    return policy


def _for_staff_only(response: HttpResponse) -> HttpResponse:
    # A revoked link must stop working at once, and the page is not for search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_GET
def published_policy(request: HttpRequest, token: str) -> HttpResponse:
    policy = published_policy_or_404(token)
    response = render(
        request,
        "published/policy.html",
        {"policy": policy, "doc": policy_document(policy), "token": token},
    )
    return _for_staff_only(response)


@never_cache
@require_GET
def published_policy_pdf(request: HttpRequest, token: str) -> HttpResponse:
    policy = published_policy_or_404(token)
    try:
        data = policy_export_file(policy, "pdf")
    except ExportError as error:
        messages.error(request, error.message)
        return redirect("published_policy", token=token)
    AuditEvent.objects.create(
        organisation=policy.organisation,
        policy=policy,
        actor=None,
        action=AuditEvent.Action.EXPORT,
        detail="pdf (staff link)",
    )
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=False,
        filename=export_filename(policy, "pdf"),
        content_type="application/pdf",
    )
    return _for_staff_only(response)
