"""Thin views of policies: the dashboard, starting and reopening a policy, the live preview,
autosave while typing, and settling an edit conflict."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.exceptions import Ratelimited

from wizard import limits
from wizard.organisations.models import AUTHOR_ROLES, REVIEWER_ROLES, Membership
from wizard.policies import selectors
from wizard.policies.access import (
    can_edit,
    get_policy_or_404,
    open_policy_or_404,
    require_author,
    script_endpoint,
)
from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.policies.forms import STEP_FORM_BY_KEY, NewPolicyForm
from wizard.policies.preview import page_preview
from wizard.policies.services import (
    content_hash,
    policy_autosave_step,
    policy_create,
    policy_save_step,
)
from wizard.policies.steps import CONFLICT_SESSION_KEY, conflict_context, resume_url
from wizard.text import interface_language, text_in

# A page of the dashboard's policies (every version is a row), as many as the client lists show.
DASHBOARD_PAGE_SIZE = 20
# Set when a user hides the dashboard's explanation of the steps, for the rest of the session.
INTRO_DISMISSED_SESSION_KEY = "dashboard_intro_dismissed"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    roles = request.memberships.roles
    # A consultant starts at the portfolio of their clients; someone who only reviews at the
    # review queue, across all their organisations. "?overview" (the header's "Dashboard",
    # opening an organisation) still shows the current organisation's policies.
    if "overview" not in request.GET:
        if Membership.Role.CONSULTANT in roles:
            return redirect("portfolio")
        if roles and roles <= REVIEWER_ROLES:
            return redirect("review_queue")
    membership = request.memberships.current
    page = None
    policies = []
    if membership:
        organisation = membership.organisation
        page = Paginator(selectors.dashboard_policies(organisation), DASHBOARD_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        policies = selectors.with_confirmations(organisation, list(page.object_list))
    can_author = bool(membership) and membership.role in AUTHOR_ROLES
    ui = interface_language()
    return render(
        request,
        "policies/dashboard.html",
        {
            "policies": policies,
            "page": page,
            # The pages' links keep a consultant on this organisation's dashboard.
            "extra_query": "&overview" if "overview" in request.GET else "",
            "new_policy_form": NewPolicyForm(
                initial={
                    "language": membership.organisation.policy_language if membership else "nl"
                }
            ),
            "can_author": can_author,
            "is_consultant": Membership.Role.CONSULTANT in request.memberships.roles,
            "show_intro": can_author and not request.session.get(INTRO_DISMISSED_SESSION_KEY),
            "step_titles": [text_in(block.title, ui) for block in BLOCKS],
        },
    )


@login_required
@require_POST
def dashboard_intro_dismiss(request: HttpRequest) -> HttpResponse:
    """Hide the explanation of the steps for the rest of this session."""
    request.session[INTRO_DISMISSED_SESSION_KEY] = True
    return redirect("dashboard")


@login_required
@require_POST
def policy_new(request: HttpRequest) -> HttpResponse:
    membership = request.memberships.current
    if not membership:
        raise Http404
    form = NewPolicyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language for the policy."))
        return redirect("dashboard")
    policy = policy_create(
        organisation=membership.organisation,
        user=request.user,
        title=form.cleaned_data["title"],
        language=form.cleaned_data["language"],
    )
    return redirect(resume_url(policy))


@login_required
@require_GET
def policy_resume(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    if not can_edit(request.user, policy):
        return redirect("policy_review", pk=policy.pk)
    return redirect(resume_url(policy))


@limits.one_at_a_time(limits.PREVIEW)  # first: a busy answer needs no session or user
@login_required
@require_POST
@limits.limit(limits.PREVIEW)
def policy_preview(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The live preview: the page as it would print with what is typed now, not yet saved."""
    policy = get_policy_or_404(request.user, pk)
    if step not in BLOCKS_BY_KEY:
        raise Http404
    form = STEP_FORM_BY_KEY[step](data=request.POST, prefix=step, policy=policy)
    content = {**policy.content, step: form.draft_data()}
    context = page_preview(policy, content, step=step)
    return JsonResponse(
        {
            "html": render_to_string("_preview.html", context, request=request),
            "percent": context["fit"].percent,
            "fits": context["fit"].fits,
        }
    )


@script_endpoint
def policy_autosave(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Save what is typed on a step, as "Previous" does, for the page's script (JSON only).

    200: saved (or already stored), with the time and the block's new base_hash; 400: no
    base_hash, or none of the step's fields (a body that is not the step's form never empties
    it); 409: a colleague (or another tab) saved this block meanwhile, with the conflict
    choice; 403: the policy cannot be changed now; 401: the session has ended.
    """
    policy = get_policy_or_404(request.user, pk)
    if step not in BLOCKS_BY_KEY:
        raise Http404
    form = STEP_FORM_BY_KEY[step](data=request.POST, prefix=step, policy=policy)
    base_hash = request.POST.get(form.add_prefix("base_hash"), "")
    if not base_hash:
        return JsonResponse(
            {"error": "base_hash", "message": _("The version this text started from is missing.")},
            status=400,
        )
    if not any(form.add_prefix(name) in request.POST for name in form.content_fields()):
        return JsonResponse(
            {"error": "no_fields", "message": _("Nothing of this step was sent.")}, status=400
        )
    data = form.draft_data()
    try:
        result = policy_autosave_step(
            policy_id=policy.pk, user=request.user, step=step, data=data, base_hash=base_hash
        )
    except Ratelimited:
        raise  # the site's 429 answer (JSON here), not a refusal
    except PermissionDenied as refusal:
        return JsonResponse({"error": "refused", "message": str(refusal)}, status=403)
    except ValidationError as invalid:
        # A locked part of a master policy was changed: nothing is saved.
        return JsonResponse({"error": "locked", "message": " ".join(invalid.messages)}, status=400)
    if result.conflict:
        # As on Next: the user's version waits in the session until they choose.
        request.session[CONFLICT_SESSION_KEY.format(pk=policy.pk, step=step)] = data
        context = conflict_context(result.policy, step, data)
        return JsonResponse(
            {
                "error": "conflict",
                "theirs": result.theirs,
                "html": render_to_string(
                    "policies/_conflict_choice.html", context, request=request
                ),
            },
            status=409,
        )
    return JsonResponse(
        {
            "saved": result.saved,
            "saved_at": timezone.localtime().strftime("%H:%M"),
            "base_hash": content_hash(result.policy.content.get(step) or {}),
        }
    )


@login_required
@require_POST
def conflict_resolve(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    if step not in BLOCKS_BY_KEY:
        raise Http404
    require_author(request.user, policy)
    mine = request.session.pop(CONFLICT_SESSION_KEY.format(pk=policy.pk, step=step), None)
    choice = request.POST.get("choice")
    if choice not in ("mine", "theirs"):
        return HttpResponseBadRequest(_("Choose which version to keep."))
    if choice == "mine" and mine is not None:
        policy_save_step(
            policy_id=policy.pk, user=request.user, step=step, data=mine, base_hash="", force=True
        )
        messages.success(request, _("Your version is saved."))
    else:
        messages.info(request, _("The version saved by your colleague is kept."))
    return redirect("wizard_step", pk=policy.pk, step=step)
