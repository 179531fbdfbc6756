"""Thin views of the review workflow: the review page, status changes, comments, history,
the audit trail and the reviewer's queue.

The business rules live in wizard/review/workflow.py and wizard/review/history.py; a refusal
there is a `PermissionDenied` with a clear message, which Django answers with the 403 page.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wizard.consent.selectors import consent_state
from wizard.organisations.models import AUTHOR_ROLES, Role
from wizard.policies.access import (
    can_edit,
    open_policy_or_404,
    policy_post,
    policy_post_confirmed,
    policy_role,
    require_author,
    require_reviewer,
)
from wizard.policies.blocks import BLOCKS
from wizard.policies.consent import consent_hint
from wizard.policies.forms import DetailsForm
from wizard.policies.models import Policy
from wizard.policies.preview import page_preview
from wizard.policies.services import (
    NEW_VERSION_NOTICE,
    DetailsConflict,
    details_hash,
    policy_save_details,
)
from wizard.policies.services import (
    policy_new_version as start_new_version,
)
from wizard.policies.steps import resume_url, step_list
from wizard.review import history, selectors, workflow
from wizard.review.forms import (
    CommentForm,
    CompareForm,
    DecisionForm,
    PublishForm,
    ResolveForm,
    RestoreForm,
)
from wizard.text import interface_language, text_in

QUEUE_PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50

NOT_A_REVIEWER_ANYWHERE = gettext_lazy("The review queue is for reviewers.")
COUNCIL_READS_LESS = gettext_lazy(
    "Council members read the policy, comment on it and read the consent request."
)
DETAILS_CONFLICT = gettext_lazy(
    "Someone else saved other details while you were editing them. What they saved is shown "
    "above the form; what you typed is still in the form. Save again to keep your version."
)
EXPORT_FORMATS = (
    ("pdf", gettext_lazy("Download PDF")),
    ("docx", gettext_lazy("Download Word")),
    ("html", gettext_lazy("Download HTML")),
    ("md", gettext_lazy("Download Markdown")),
)


def back_to(request: HttpRequest, policy: Policy) -> HttpResponse:
    """To the page the form was on when it says so and it is ours, else the review page."""
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # A URL, never a view's name (which is what redirect() makes of a word).
        return HttpResponseRedirect(next_url)
    return redirect("policy_review", pk=policy.pk)


def paginate(request: HttpRequest, object_list, size: int):
    return Paginator(object_list, size).get_page(request.GET.get("page"))


# --- The review page ------------------------------------------------------------------------


@login_required
def policy_review(request: HttpRequest, pk: int) -> HttpResponse:
    # The panel links to the master policy of a policy derived from one.
    policy = open_policy_or_404(request, pk, related=("master_origin",))
    role = policy_role(request.user, policy)
    # Approved, published and in-review policies are read here; editing starts a new version.
    editable = role in AUTHOR_ROLES and policy.is_content_editable
    form = None
    details_conflict = None
    if request.method == "POST":
        require_author(request.user, policy)
        form = DetailsForm(request.POST, instance=policy)
        if form.is_valid():
            details = {name: form.cleaned_data[name] for name in DetailsForm.Meta.fields}
            try:
                policy_save_details(
                    policy_id=policy.pk,
                    user=request.user,
                    details=details,
                    base_hash=form.cleaned_data["base_hash"],
                )
            except DetailsConflict as conflict:
                # Keep what the user typed, show what the colleague saved; saving again
                # (now knowingly) keeps the user's version.
                details_conflict = _details_differences(form, details, conflict.theirs)
                data = request.POST.copy()
                data["base_hash"] = details_hash(conflict.theirs)
                form = DetailsForm(data, instance=policy)
                form.is_valid()
                form.add_error(None, DETAILS_CONFLICT)
            else:
                messages.success(request, _("The details are saved."))
                return redirect("policy_review", pk=policy.pk)
        policy.refresh_from_db()
    if form is None and editable:
        details = {name: getattr(policy, name) for name in DetailsForm.Meta.fields}
        form = DetailsForm(instance=policy, initial={"base_hash": details_hash(details)})
    ui = interface_language()
    missing = policy.incomplete_steps
    panel = workflow.review_panel(policy, role=role, incomplete=bool(missing))
    since_last_review = _since_last_review(request, policy, panel)
    context = {
        "policy": policy,
        "form": form,
        "details_conflict": details_conflict,
        "editable": editable,
        "steps_list": step_list(policy, None),
        "missing_titles": [text_in(b.title, ui) for b in BLOCKS if b.key in missing],
        "consent_hint": consent_hint(policy),
        **consent_state(policy),
        "export_formats": EXPORT_FORMATS,
        **panel,
        "since_last_review": since_last_review,
        "comment_groups": selectors.comments_by_block(
            policy, {b.key: text_in(b.title, ui) for b in BLOCKS}
        ),
        # Own id prefixes: the review page has its own form with a "title" field.
        "comment_form": CommentForm(auto_id="comment-%s") if panel["may_comment"] else None,
        "decision_form": DecisionForm(auto_id="decision-%s") if panel["decisions"] else None,
        # A new version asks whether staff confirm it again.
        "publish_form": PublishForm(auto_id="publish-%s") if policy.based_on_id else None,
        "share_link": request.build_absolute_uri(
            reverse("published_policy", kwargs={"token": policy.share_token})
        )
        if policy.status == Policy.Status.PUBLISHED and policy.share_token
        else "",
        "preview_html": render_to_string("_preview.html", page_preview(policy)),
    }
    return render(request, "review/policy_review.html", context)


def _since_last_review(request: HttpRequest, policy: Policy, panel: dict):
    """A reviewer's second round opens on what changed since their last decision."""
    if not panel["is_reviewer"] or policy.status != Policy.Status.IN_REVIEW:
        return None
    return history.since_last_decision(policy=policy, user=request.user)


def _details_differences(form: DetailsForm, mine: dict, theirs: dict) -> list[tuple[str, str]]:
    """(label, value as stored now) of each detail a colleague saved differently."""
    shown = []
    for name, value in theirs.items():
        if value == mine.get(name):
            continue
        field = Policy._meta.get_field(name)
        if value in (None, ""):
            text = "–"
        elif field.choices:
            text = str(dict(field.flatchoices).get(value, value))
        elif isinstance(value, datetime.date):
            text = date_format(value)
        else:
            text = str(value)
        shown.append((str(form[name].label), text))
    return shown


# --- Status changes -------------------------------------------------------------------------


def _archive_consequences(policy: Policy) -> list[str]:
    consequences = [
        _(
            "An archived policy can no longer be changed, reviewed or published. You can "
            "still read it, with its history and acknowledgements. You cannot undo this."
        )
    ]
    if policy.status == Policy.Status.PUBLISHED:
        consequences.append(
            _(
                "This policy is published. Once archived, staff can no longer open it: the "
                "staff link and the personal links stop working at once."
            )
        )
    return consequences


@policy_post_confirmed
def policy_transition(request: HttpRequest, policy: Policy, name: str) -> HttpResponse:
    """Make one of the status changes in `workflow.TRANSITIONS`; each has its own URL. One that
    cannot be undone (`asks_first`) answers a GET with its confirmation page, which writes
    nothing."""
    transition = workflow.TRANSITIONS[name]
    if request.method != "POST":
        if not transition.asks_first:
            return HttpResponseNotAllowed(["POST"])
        workflow.require_transition(policy=policy, user=request.user, name=name)
        context = {
            "policy": policy,
            "question": _("Archive this policy?"),
            "consequences": _archive_consequences(policy),
            "confirm_label": transition.label,
        }
        return render(request, "confirm.html", context)
    if not transition.takes_note:
        minor = name == "publish" and PublishForm(request.POST).minor
        workflow.transition_make(policy=policy, user=request.user, name=name, minor=minor)
        messages.success(request, transition.done)
        return redirect("policy_review", pk=policy.pk)
    # A reviewer's decision: the comment typed beside it is saved with it.
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("policy_review", pk=policy.pk)
    comment = workflow.decision_make(
        policy=policy,
        user=request.user,
        name=name,
        note=form.cleaned_data["note"],
        comment_block_key=form.cleaned_data["block_key"],
        comment_text=form.cleaned_data["text"],
    )
    messages.success(request, transition.done)
    if comment is not None:
        messages.success(request, _("Your comment is saved."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_new_version(request: HttpRequest, policy: Policy) -> HttpResponse:
    draft = start_new_version(policy=policy, user=request.user)
    messages.info(request, NEW_VERSION_NOTICE)
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


def _refuse_council_member(user, policy: Policy) -> None:
    """The body's members read the draft, not how it came about."""
    if policy_role(user, policy) == Role.COUNCIL_MEMBER:
        raise PermissionDenied(COUNCIL_READS_LESS)


# --- History --------------------------------------------------------------------------------


@login_required
@require_GET
def policy_history(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    _refuse_council_member(request.user, policy)
    page = paginate(request, selectors.history_timeline(policy), HISTORY_PAGE_SIZE)
    numbers = [row.number for row in page.object_list if row.kind == "revision"]
    return render(
        request,
        "review/history.html",
        {
            "policy": policy,
            "page": page,
            "rows": page.object_list,
            "newer_default": numbers[0] if numbers else None,
            "older_default": numbers[1] if len(numbers) > 1 else None,
            "editable": policy.is_content_editable and can_edit(request.user, policy),
        },
    )


@login_required
@require_GET
def policy_compare(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    _refuse_council_member(request.user, policy)
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
    policy = open_policy_or_404(request, pk)
    require_reviewer(request.user, policy)
    page = paginate(request, selectors.audit_trail(policy), AUDIT_PAGE_SIZE)
    return render(
        request, "review/audit.html", {"policy": policy, "page": page, "events": page.object_list}
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not selectors.is_reviewer(request.user):
        raise PermissionDenied(NOT_A_REVIEWER_ANYWHERE)
    page = paginate(request, selectors.ReviewQueue(request.user), QUEUE_PAGE_SIZE)
    # The most urgent ones; one more than shown tells whether there are others.
    due = list(selectors.reviews_due(request.user)[: QUEUE_PAGE_SIZE + 1])
    return render(
        request,
        "review/queue.html",
        {
            "page": page,
            "waiting": page.object_list,
            "due": due[:QUEUE_PAGE_SIZE],
            "more_due": len(due) > QUEUE_PAGE_SIZE,
            # The header's "To review (N)" is this queue's length, counted once.
            "to_review": page.paginator.count,
        },
    )
