"""Thin views of master policies: the consultant's "Master policies" page and a master's page,
and for a client's policy its origin and the "Proposed update" page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wizard import limits
from wizard.masters import impact, presenting, selectors, services
from wizard.masters.forms import AcceptUpdateForm, LocksForm, MakeMasterForm, StartFromMasterForm
from wizard.masters.models import MasterPolicy, ProposedUpdate, UpdateSend
from wizard.organisations.forms import OrganisationForm
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import AUTHOR_ROLES, Membership
from wizard.organisations.services import organisation_create
from wizard.policies.access import open_policy_or_404, policy_post
from wizard.policies.models import Policy
from wizard.policies.steps import resume_url

MASTERS_PAGE_SIZE = 25
DERIVED_PAGE_SIZE = 50
NOT_A_CONSULTANT = gettext_lazy("Master policies are for consultants.")


def require_consultant(user) -> None:
    if not Membership.objects.has_role(user, Membership.Role.CONSULTANT):
        raise PermissionDenied(NOT_A_CONSULTANT)


def own_master_or_404(request: HttpRequest, pk: int) -> MasterPolicy:
    return get_object_or_404(
        MasterPolicy.objects.owned_by(request.user).select_related("source__organisation"), pk=pk
    )


@login_required
@require_GET
def master_list(request: HttpRequest) -> HttpResponse:
    require_consultant(request.user)
    page = Paginator(selectors.masters_of(request.user), MASTERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "masters/master_list.html", {"page": page})


@policy_post
def master_make(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = MakeMasterForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    master = services.master_make(policy=policy, user=request.user, title=title)
    messages.success(request, _("“%(title)s” is now a master policy.") % {"title": master.title})
    return redirect(master)


def master_context(request: HttpRequest, master: MasterPolicy, **extra) -> dict:
    latest = services.latest_version(master)
    source = master.source
    parts = services.lockable_parts(latest.content)
    derived = Paginator(
        selectors.derived_policies(master, request.user), DERIVED_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "master": master,
        "latest": latest,
        "source": source,
        "lock_rows": presenting.lock_rows(source, parts, latest.content, master.locks)
        if source
        else [],
        "derived": derived,
        "start_form": StartFromMasterForm(
            organisations=selectors.client_organisations(request.user)
        ),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def master_detail(request: HttpRequest, pk: int) -> HttpResponse:
    master = own_master_or_404(request, pk)
    return render(request, "masters/master_detail.html", master_context(request, master))


@login_required
@require_POST
def master_locks(request: HttpRequest, pk: int) -> HttpResponse:
    master = own_master_or_404(request, pk)
    latest = services.latest_version(master)
    form = LocksForm(
        request.POST, parts=services.lockable_parts(latest.content), locks=master.locks
    )
    if not form.is_valid():
        messages.error(request, _("The reasons can be at most 200 characters."))
        return redirect(master)
    if services.master_set_locks(master=master, user=request.user, locks=form.locks()):
        messages.success(request, _("The locks are saved."))
    else:
        messages.success(
            request, _("The locks are saved. They reach your clients with the next version.")
        )
    return redirect(master)


@login_required
@require_POST
def master_publish(request: HttpRequest, pk: int) -> HttpResponse:
    master = own_master_or_404(request, pk)
    try:
        version = services.master_publish_version(master=master, user=request.user, send=False)
    except ValidationError as invalid:
        messages.info(request, " ".join(invalid.messages))
        return redirect(master)
    messages.success(
        request,
        _(
            "Version %(number)s is published. Check what it changes for each client, then send "
            "it as a proposed update."
        )
        % {"number": version.number},
    )
    return redirect("master_send", pk=master.pk)


@login_required
@require_http_methods(["GET", "POST"])
def master_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The impact report of the latest version per client, and sending it to those chosen."""
    master = own_master_or_404(request, pk)
    if request.method == "POST":
        chosen = [int(value) for value in request.POST.getlist("origin") if value.isdigit()]
        try:
            sending = services.master_send_version(
                master=master, user=request.user, origin_ids=chosen
            )
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
            return redirect("master_send", pk=master.pk)
        return redirect(sending)
    version = services.latest_version(master)
    rows = impact.impact_report(master, request.user, version)
    return render(
        request,
        "masters/send.html",
        {
            "master": master,
            "version": version,
            "rows": [(row, row.is_proposed_already(version)) for row in rows],
            "sendable": any(not row.is_proposed_already(version) for row in rows),
        },
    )


@login_required
@require_GET
def master_send_progress(request: HttpRequest, pk: int) -> HttpResponse:
    sending = get_object_or_404(
        UpdateSend.objects.sent_by(request.user).select_related("master", "version"), pk=pk
    )
    return render(request, "masters/send_progress.html", {"sending": sending})


@login_required
@require_POST
def master_start(request: HttpRequest, pk: int) -> HttpResponse:
    master = own_master_or_404(request, pk)
    form = StartFromMasterForm(
        request.POST, organisations=selectors.client_organisations(request.user)
    )
    if not form.is_valid():
        messages.error(request, _("Choose an organisation you advise."))
        return redirect(master)
    organisation = form.cleaned_data["organisation"]
    foreign = services.foreign_unlocked_clauses(master, organisation)
    if foreign and request.POST.get("fit_for") != str(organisation.pk):
        # Clauses of another sector: the consultant keeps or drops each first.
        return render(
            request,
            "masters/start_fit.html",
            {"master": master, "form": form, "foreign": foreign, "fit_for": organisation.pk},
        )
    kept = set(request.POST.getlist("keep"))
    policy = services.master_start_policy(
        master=master,
        organisation=organisation,
        user=request.user,
        title=form.cleaned_data["title"],
        dropped=frozenset(c["value"] for c in foreign if c["value"] not in kept),
    )
    request.session[SESSION_KEY] = organisation.pk
    return redirect(resume_url(policy))


@login_required
@require_http_methods(["GET", "POST"])
@limits.limit(limits.ORGANISATION_NEW, method="POST")
def master_new_client(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a client organisation and start its policy from the master at once."""
    master = own_master_or_404(request, pk)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(user=request.user, **form.cleaned_data)
        policy = services.master_start_policy(
            master=master, organisation=organisation, user=request.user
        )
        request.session[SESSION_KEY] = organisation.pk
        messages.success(request, _("Client organisation “%s” created.") % organisation.name)
        return redirect(resume_url(policy))
    return render(request, "masters/new_client.html", {"master": master, "form": form})


# --- A client's policy: its origin and its proposed update ----------------------------------


@login_required
@require_GET
def policy_master(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    origin = selectors.origin_of(policy)
    locks = [
        {"label": presenting.part_label(policy, block_key, part), "reason": reason}
        for block_key, parts in (policy.locks or {}).items()
        for part, reason in parts.items()
    ]
    return render(
        request,
        "masters/policy_master.html",
        {
            "policy": policy,
            "origin": origin,
            "locks": locks,
            "update": selectors.open_update_of(policy) if origin else None,
            "is_author": policy.viewer_role in AUTHOR_ROLES,
        },
    )


@policy_post
def policy_detach(request: HttpRequest, policy: Policy) -> HttpResponse:
    try:
        services.master_detach(policy=policy, user=request.user)
    except ValidationError as invalid:
        messages.info(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("The policy no longer follows its master policy."))
    return redirect("policy_review", pk=policy.pk)


def update_or_404(request: HttpRequest, pk: int) -> ProposedUpdate:
    update = get_object_or_404(selectors.updates_visible_to(request.user), pk=pk)
    # The user's role, from the policy as a member reads it; its organisation is the page's.
    update.policy = open_policy_or_404(request, update.policy_id)
    return update


def render_update(request: HttpRequest, update: ProposedUpdate, form=None, status=200):
    preview = services.update_preview(update)
    if form is None:
        form = AcceptUpdateForm(conflicts=preview.conflicts)
    return render(
        request,
        "masters/proposed_update.html",
        {
            "update": update,
            "policy": update.policy,
            "target": preview.target,
            "rows": presenting.update_rows(
                update.policy, preview.blocks, preview.target.content, update.to_version.locks
            ),
            "form": form,
            "is_open": update.status == ProposedUpdate.Status.OPEN,
            "is_author": update.policy.viewer_role in AUTHOR_ROLES,
        },
        status=status,
    )


@login_required
@require_GET
def proposed_update(request: HttpRequest, pk: int) -> HttpResponse:
    return render_update(request, update_or_404(request, pk))


@login_required
@require_POST
def update_accept(request: HttpRequest, pk: int) -> HttpResponse:
    update = update_or_404(request, pk)
    preview = services.update_preview(update)
    form = AcceptUpdateForm(request.POST, conflicts=preview.conflicts)
    if not form.is_valid():
        return render_update(request, update, form, status=400)
    try:
        changed = services.update_accept(proposal=update, user=request.user, choices=form.choices())
    except ValidationError as invalid:
        # The policy changed since the page was shown: a new conflict to settle.
        messages.error(request, " ".join(invalid.messages))
        return redirect(update)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(update)
    if changed.pk != update.policy_id:
        messages.success(
            request,
            _("The update is in a new draft version. Send it for review when it is ready."),
        )
    else:
        messages.success(request, _("The update is accepted."))
    return redirect("policy_review", pk=changed.pk)


@login_required
@require_POST
def update_decline(request: HttpRequest, pk: int) -> HttpResponse:
    update = update_or_404(request, pk)
    services.update_decline(proposal=update, user=request.user)
    messages.success(request, _("The update is declined. Your policy stays as it is."))
    return redirect("policy_review", pk=update.policy_id)
