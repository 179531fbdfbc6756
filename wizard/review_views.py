"""Thin views of the review workflow: status changes, comments, history, the audit trail, the
reviewer's queue and the published page for staff.

The business rules live in wizard/workflow.py and wizard/history.py; a refusal there is a
`PermissionDenied` with a clear message, which Django answers with the 403 page.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from wizard import history, workflow
from wizard.document import policy_document
from wizard.export import ExportError, export_filename, policy_export_file
from wizard.models import AuditEvent, Membership, Policy
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


def paginate_keys_first(request: HttpRequest, queryset, size: int):
    """Like `paginate`, but the page is chosen on primary keys and only its rows are read.

    Sorting keys read from an index is cheap; sorting full rows (with their joins) meant reading
    every matching row first, a thousand at the 8.4 scale for 25 shown. Still one query for
    the page: the keys are a subquery.
    """
    page = paginate(request, queryset.values("pk"), size)
    page.object_list = queryset.filter(pk__in=page.object_list)
    return page


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
    rows = history.timeline_rows(page.object_list)
    numbers = [row["number"] for row in rows if row["kind"] == "revision"]
    return render(
        request,
        "review/history.html",
        {
            "policy": policy,
            "page": page,
            "rows": rows,
            "newer_default": numbers[0] if numbers else None,
            "older_default": numbers[1] if len(numbers) > 1 else None,
            "editable": policy.is_content_editable and can_edit(request.user, policy),
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


@login_required
@require_GET
def policy_audit(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    require_reviewer(request.user, policy)
    events = (
        AuditEvent.objects.filter(policy=policy)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "review/audit.html",
        {"policy": policy, "page": paginate(request, events, AUDIT_PAGE_SIZE)},
    )


def reviewed_organisation_ids(user):
    """The ids of the organisations `user` reviews, as a subquery.

    Filtering policies by `organisation_id IN (…)` lets the database walk the policy indexes
    per organisation; the join through organisation and membership made it read every policy
    of those organisations (all 20,000 at the 8.4 scale) to check their status.
    """
    return Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).values(
        "organisation_id"
    )


def review_queue_for(user):
    """Policies waiting for review in the organisations `user` reviews, oldest first."""
    return (
        Policy.objects.filter(
            status=Policy.Status.IN_REVIEW,
            organisation_id__in=reviewed_organisation_ids(user),
        )
        .select_related("organisation", "submitted_by")
        .only(
            "pk",
            "title",
            "status",
            "version_label",
            "submitted_at",
            "organisation__name",
            "submitted_by__username",
        )
        .order_by("submitted_at", "pk")
    )


def reviews_due_for(user):
    """Approved and published policies whose periodic review is due soon or overdue."""
    soon = timezone.localdate() + datetime.timedelta(days=workflow.REVIEW_DUE_SOON_DAYS)
    return (
        Policy.objects.filter(
            status__in=(Policy.Status.APPROVED, Policy.Status.PUBLISHED),
            next_review_date__lte=soon,
            organisation_id__in=reviewed_organisation_ids(user),
        )
        .select_related("organisation")
        .only("pk", "title", "status", "next_review_date", "organisation__name")
        .order_by("next_review_date", "pk")
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not Membership.objects.filter(user=request.user, role=Membership.Role.REVIEWER).exists():
        raise PermissionDenied(NOT_A_REVIEWER_ANYWHERE)
    page = paginate_keys_first(request, review_queue_for(request.user), QUEUE_PAGE_SIZE)
    # The most urgent ones, in one query; one more than shown tells whether there are others.
    due = list(reviews_due_for(request.user)[: QUEUE_PAGE_SIZE + 1])
    return render(
        request,
        "review/queue.html",
        {"page": page, "due": due[:QUEUE_PAGE_SIZE], "more_due": len(due) > QUEUE_PAGE_SIZE},
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
