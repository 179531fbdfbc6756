"""Thin views of accounts beyond allauth's own pages: where a new account starts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wizard import limits
from wizard.accounts.models import Consultant
from wizard.accounts.services import organisation_start
from wizard.organisations.forms import OrganisationForm
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership
from wizard.organisations.services import organisation_create
from wizard.policies.steps import resume_url


@login_required
@limits.limit(limits.ORGANISATION_NEW, method="POST")
def account_start(request: HttpRequest) -> HttpResponse:
    """A new account's first page: an HR manager answers the intake questions for the
    organisation and lands on step 1 of its first policy; a consultant creates the first client."""
    if Membership.objects.for_user(request.user).exists():
        return redirect("dashboard")
    consultant = Consultant.objects.is_consultant(request.user)
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
