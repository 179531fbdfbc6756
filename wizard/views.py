"""Thin views: check access, call one function, render or redirect."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wizard.blocks import BLOCKS_BY_KEY
from wizard.document import text_in
from wizard.forms import (
    STEP_FORM_BY_KEY,
    DetailsForm,
    NewPolicyForm,
    OrganisationForm,
    interface_language,
)
from wizard.fragments import fragment_key
from wizard.middleware import SESSION_KEY
from wizard.models import Membership, Policy
from wizard.permissions import (
    NOT_A_CONSULTANT,
    can_edit,
    get_policy_or_404,
    is_consultant,
    organisations_for,
    require_author,
)
from wizard.policy_rows import latest_of_organisation
from wizard.services import (
    DetailsConflict,
    details_hash,
    organisation_create,
    policy_create,
    policy_save_details,
    policy_save_step,
)
from wizard.steps import (
    CONFLICT_SESSION_KEY,
    incomplete_blocks,
    preview_context,
    resume_url,
    step_list,
)

DASHBOARD_PAGE_SIZE = 25

DETAILS_CONFLICT = gettext_lazy(
    "Someone else saved other details while you were editing them. What they saved is shown "
    "above the form; what you typed is still in the form. Save again to keep your version."
)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    # The current organisation's latest policies as plain rows (no model instances), and a
    # fingerprint of all the list shows: its rendering is cached under it.
    policies = []
    if membership:
        policies = latest_of_organisation(membership.organisation_id, DASHBOARD_PAGE_SIZE)
    return render(
        request,
        "wizard/dashboard.html",
        {
            "policies": policies,
            "policies_key": fragment_key(
                "dashboard",
                membership.organisation_id if membership else None,
                [policy.key for policy in policies],
            ),
            "new_policy_form": NewPolicyForm(
                initial={
                    "language": membership.organisation.policy_language if membership else "nl"
                }
            ),
            "can_author": bool(membership) and membership.role in ("editor", "consultant"),
            "is_consultant": Membership.Role.CONSULTANT in request.memberships.roles,
        },
    )


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("organisation", "")
    if not raw.isdigit():
        raise Http404
    organisation = get_object_or_404(organisations_for(request.user), pk=int(raw))
    request.session[SESSION_KEY] = organisation.pk
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("dashboard")
    return redirect(next_url)


ORGANISATIONS_PAGE_SIZE = 25


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """All the user's organisations, for those with more than the header's switcher shows."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .only("pk", "role", "organisation__id", "organisation__name")
        .order_by("organisation__name", "organisation_id")
    )
    page = Paginator(memberships, ORGANISATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "wizard/organisation_list.html", {"page": page})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    if not is_consultant(request.user):
        raise PermissionDenied(NOT_A_CONSULTANT)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(user=request.user, **form.cleaned_data)
        request.session[SESSION_KEY] = organisation.pk
        messages.success(request, _("Client organisation “%s” created.") % organisation.name)
        return redirect("dashboard")
    return render(request, "wizard/organisation_form.html", {"form": form})


@login_required
@require_POST
def policy_new(request: HttpRequest) -> HttpResponse:
    membership = request.membership
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
    policy = get_policy_or_404(request.user, pk)
    if not can_edit(request.user, policy):
        return redirect("policy_review", pk=policy.pk)
    return redirect(resume_url(policy))


@login_required
def policy_review(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    # Approved, published and in-review policies are read here; editing starts a new version.
    editable = can_edit(request.user, policy) and policy.is_content_editable
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
    missing = incomplete_blocks(policy)
    ui = interface_language()
    # The data-only parts are cached fragments (wizard/fragments.py) under a fingerprint of
    # what they show; what they are rendered from is built only when a fragment is.
    context = {
        "policy": policy,
        # A bound form (a POST with errors) is rendered as it is, never cached.
        "form": form if form is not None else SimpleLazyObject(lambda: _details_form(policy)),
        "details_key": _details_key(policy) if editable and form is None else None,
        "details_conflict": details_conflict,
        "editable": editable,
        "steps_list": SimpleLazyObject(lambda: step_list(policy, None, missing)),
        # The step list and the building blocks: titles, links, completeness, edit links.
        "steps_key": fragment_key("review-steps", policy.pk, missing, editable),
        "missing_titles": [text_in(BLOCKS_BY_KEY[key].title, ui) for key in missing],
        "export_formats": [
            ("pdf", _("Download PDF")),
            ("docx", _("Download Word")),
            ("html", _("Download HTML")),
            ("md", _("Download Markdown")),
        ],
    }
    context.update(preview_context(policy))
    return render(request, "wizard/review.html", context)


def _details_form(policy: Policy) -> DetailsForm:
    details = {name: getattr(policy, name) for name in DetailsForm.Meta.fields}
    return DetailsForm(instance=policy, initial={"base_hash": details_hash(details)})


def _details_key(policy: Policy) -> str:
    """A fingerprint of everything the unbound details form shows: the stored value of each
    of its fields (its hidden base_hash is made from them)."""
    return fragment_key(
        "review-details", *(getattr(policy, name) for name in DetailsForm.Meta.fields)
    )


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


@login_required
@require_POST
def policy_preview(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The live preview: the page as it would print with what is typed now, not yet saved."""
    policy = get_policy_or_404(request.user, pk)
    if step not in BLOCKS_BY_KEY:
        raise Http404
    form = STEP_FORM_BY_KEY[step](data=request.POST, prefix=step, policy=policy)
    content = {**policy.content, step: form.draft_data()}
    context = preview_context(policy, content)
    return JsonResponse(
        {
            "html": render_to_string("wizard/_preview.html", context, request=request),
            "percent": context["fit"].percent,
            "fits": context["fit"].fits,
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


def _error_page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Policy texts are short: say what to do rather than that something was wrong.
        return _error_page(
            request,
            400,
            _("Too much text"),
            _(
                "What you sent is far larger than a one-page policy can hold. Go back, shorten "
                "the text and try again."
            ),
        )
    return _error_page(request, 400, _("Bad request"), _("We could not understand this request."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The site's own page, instead of Django's, whose inline styles the CSP would block."""
    return _error_page(
        request,
        403,
        _("Not allowed"),
        _(
            "This form has expired or did not come from this site. Go back, reload the page and "
            "try again."
        ),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    text = str(exception) if exception and str(exception) else _("You may not do this.")
    return _error_page(request, 403, _("Not allowed"), text)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("This page does not exist or you have no access to it."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _("An error on our side stopped this page. Your saved work is safe; try again."),
    )
