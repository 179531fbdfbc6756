"""Thin views of organisations: switching, the list of all, and a consultant's new client."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wizard import limits
from wizard.organisations.forms import OrganisationForm
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership, Organisation
from wizard.organisations.services import organisation_create

NOT_A_CONSULTANT = gettext_lazy("Only consultants can create client organisations.")
ORGANISATIONS_PAGE_SIZE = 25


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("organisation", "")
    if not raw.isdigit():
        raise Http404
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=int(raw))
    request.session[SESSION_KEY] = organisation.pk
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("dashboard")
    return redirect(next_url)


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """All the user's organisations, for those with more than the header's switcher shows."""
    memberships = (
        Membership.objects.for_user(request.user)
        .select_related("organisation")
        .only("pk", "role", "organisation__id", "organisation__name")
        .order_by("organisation__name", "organisation_id")
    )
    page = Paginator(memberships, ORGANISATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "wizard/organisation_list.html", {"page": page})


@login_required
@limits.limit(limits.ORGANISATION_NEW, method="POST")
def organisation_new(request: HttpRequest) -> HttpResponse:
    if not Membership.objects.has_role(request.user, Membership.Role.CONSULTANT):
        raise PermissionDenied(NOT_A_CONSULTANT)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(user=request.user, **form.cleaned_data)
        request.session[SESSION_KEY] = organisation.pk
        messages.success(request, _("Client organisation “%s” created.") % organisation.name)
        return redirect("dashboard")
    return render(request, "wizard/organisation_form.html", {"form": form})
