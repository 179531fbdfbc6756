"""Thin views of organisations: switching, the list of all, and a consultant's new client."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST, require_safe

from wizard import limits
from wizard.organisations.forms import IntakeForm, OrganisationForm
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import AUTHOR_ROLES, Logo, Membership, Organisation
from wizard.organisations.services import organisation_create, organisation_update_intake

NOT_A_CONSULTANT = gettext_lazy("Only consultants can create client organisations.")
NOT_AN_AUTHOR = gettext_lazy("Only editors and consultants can change these answers.")
ORGANISATIONS_PAGE_SIZE = 25
# The URL names the content (its SHA-256), so what it answers never changes.
LOGO_CACHE_CONTROL = "public, max-age=31536000, immutable"


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("organisation", "")
    if not raw.isdigit():
        raise Http404
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=int(raw))
    request.session[SESSION_KEY] = organisation.pk
    next_url = request.POST.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # The organisation's own page, also for those whose start page is another one.
        next_url = reverse("dashboard") + "?overview"
    # A URL, never a view's name (which is what redirect() makes of a word).
    return HttpResponseRedirect(next_url)


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
    return render(request, "organisations/organisation_list.html", {"page": page})


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
        # Next, the client's people: its members page opens with the invitation form.
        return redirect("member_list", pk=organisation.pk)
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_safe
def organisation_logo(request: HttpRequest, pk: int, digest: str) -> HttpResponse:
    """The organisation's current logo, by its digest; served to anyone who has the URL.

    Public on purpose: the logo is printed on the staff page and PDF of a published policy,
    which need no login, and it is the organisation's public branding. The URL carries the
    SHA-256 of the image, which cannot be guessed, and answers only while it is the logo of
    that organisation: any other digest, an old logo or another organisation's is a 404.
    """
    png = Logo.objects.png_of(digest, organisation_id=pk)
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = LOGO_CACHE_CONTROL
    response["Content-Disposition"] = 'inline; filename="logo.png"'
    return response


def intake_answers(form: IntakeForm, organisation: Organisation) -> list[tuple[str, str]]:
    """Each intake question with its answer as a reader sees it."""
    answers = []
    for name, form_field in form.fields.items():
        value = getattr(organisation, name)
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif getattr(form_field, "choices", None):
            shown = getattr(organisation, f"get_{name}_display")()
        else:
            shown = value
        answers.append((str(form_field.label), shown))
    return answers


@login_required
def organisation_settings(request: HttpRequest) -> HttpResponse:
    """The current organisation's intake answers: authors change them, reviewers read them."""
    membership = request.memberships.current
    if membership is None:
        # Not a member of any organisation yet: the dashboard says how to start one.
        return redirect("dashboard")
    organisation = membership.organisation
    may_edit = membership.role in AUTHOR_ROLES
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(NOT_AN_AUTHOR)
        form = IntakeForm(request.POST, instance=organisation)
        if form.is_valid():
            organisation_update_intake(
                organisation_id=organisation.pk, user=request.user, answers=form.cleaned_data
            )
            messages.success(request, _("The organisation's answers are saved."))
            return redirect("organisation_settings")
    else:
        form = IntakeForm(instance=organisation)
    return render(
        request,
        "organisations/organisation_settings.html",
        {
            "form": form,
            "organisation": organisation,
            "may_edit": may_edit,
            "answers": intake_answers(form, organisation),
        },
    )
