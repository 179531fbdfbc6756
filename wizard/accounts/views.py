"""Thin views of accounts beyond allauth's own pages: where a new account starts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wizard import limits
from wizard.accounts.forms import AccountDeleteForm, OrganisationSignInForm
from wizard.accounts.models import Consultant
from wizard.accounts.selectors import account_data, sole_editor_of
from wizard.accounts.services import (
    LastEditor,
    account_delete,
    organisation_set_sign_in,
    organisation_start,
)
from wizard.organisations.forms import OrganisationForm
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership
from wizard.organisations.services import organisation_create
from wizard.policies.steps import resume_url

NOT_AN_EDITOR = gettext_lazy("Only the organisation's editors can change how its members sign in.")


@login_required
@limits.limit(limits.ORGANISATION_NEW, method="POST")
def account_start(request: HttpRequest) -> HttpResponse:
    """A new account's first page: an HR manager answers the intake questions for the
    organisation and lands on step 1 of its first policy; a consultant creates the first client."""
    if Membership.objects.for_user(request.user).exists():
        return redirect("dashboard")
    consultant = Consultant.objects.is_consultant(request.user)
    if not consultant and not settings.ACCOUNT_SIGNUP_OPEN:
        # Invitation-only: organisations are not started by whoever has an account.
        return render(request, "account/no_organisation.html")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if consultant:
            organisation = organisation_create(user=request.user, **form.cleaned_data)
            request.session[SESSION_KEY] = organisation.pk
            messages.success(request, _("Client organisation “%s” created.") % organisation.name)
            return redirect("dashboard")
        organisation, policy = organisation_start(user=request.user, **form.cleaned_data)
        request.session[SESSION_KEY] = organisation.pk
        messages.success(request, _("Welcome! “%s” is ready for its first policy.") % organisation)
        return redirect(resume_url(policy))
    return render(request, "account/start.html", {"form": form, "consultant": consultant})


@login_required
@require_GET
def account_settings(request: HttpRequest) -> HttpResponse:
    """The user's own account: address, password, two-step login, sessions, leaving."""
    return render(request, "account/settings.html")


@login_required
def organisation_sign_in(request: HttpRequest) -> HttpResponse:
    """The current organisation's sign-in rules (two-step login, single sign-on): editors only."""
    membership = request.memberships.current
    if membership is None:
        raise Http404
    if membership.role != Membership.Role.EDITOR:
        raise PermissionDenied(NOT_AN_EDITOR)
    organisation = membership.organisation
    form = OrganisationSignInForm(request.POST or None, instance=organisation, editor=request.user)
    if request.method == "POST" and form.is_valid():
        organisation_set_sign_in(
            organisation_id=organisation.pk,
            user=request.user,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(request, _("How members sign in is saved."))
        return redirect("organisation_sign_in")
    return render(
        request, "account/organisation_sign_in.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_GET
def account_data_download(request: HttpRequest) -> HttpResponse:
    """Everything the app keeps about the user's account, as a JSON file."""
    response = JsonResponse(account_data(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="policy-builder-account.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete_confirm(request: HttpRequest) -> HttpResponse:
    """Delete the account (not while the user is an organisation's only editor)."""
    sole = sole_editor_of(request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and not sole and form.is_valid():
        try:
            account_delete(user=request.user)
        except LastEditor as error:
            sole = error.organisations
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("account_login")
    return render(request, "account/delete.html", {"form": form, "sole_editor_of": sole})
