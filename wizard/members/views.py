"""Thin views of an organisation's members and of accepting an invitation.

Each page starts from the user's own membership of the organisation in the URL: another
organisation's members and invitations are a 404. The rules live in wizard/members/services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wizard import limits
from wizard.members import selectors, services
from wizard.members.forms import (
    InvitationChoiceForm,
    InvitationSignupForm,
    InviteForm,
    MemberForm,
)
from wizard.members.models import ROLE_NOUNS, Invitation
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership
from wizard.organisations.sign_in import sign_in_provider_for

# The account that accepting an invitation creates logs in like any other (allauth's backend:
# a session names a backend that must stay in AUTHENTICATION_BACKENDS).
LOGIN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _membership_or_404(request: HttpRequest, pk: int) -> Membership:
    membership = selectors.membership_of(user=request.user, organisation_id=pk)
    if membership is None:
        raise Http404
    return membership


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@limits.limit(limits.INVITATION, method="POST")
def member_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone in the organisation; editors and consultants also invite and manage them."""
    membership = _membership_or_404(request, pk)
    organisation = membership.organisation
    # The header names the organisation whose members these are.
    request.memberships.open(organisation.pk)
    may_manage = membership.role in services.MANAGER_ROLES
    roles = services.grantable_roles(membership.role)
    form = InviteForm(request.POST or None, roles=roles)
    if request.method == "POST":
        services.manager_role(user=request.user, organisation=organisation)
        if form.is_valid():
            try:
                services.invitation_create(
                    organisation=organisation, invited_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works for 7 days.")
                    % {"email": form.cleaned_data["email"].lower()},
                )
                return redirect("member_list", pk=organisation.pk)
    members = list(selectors.member_list(organisation=organisation))
    context = {
        "organisation": organisation,
        "membership": membership,
        "may_manage": may_manage,
        "role_choices": [(v, label) for v, label in Membership.Role.choices if v in roles],
        # The members whose role the viewer may change: those with a role the viewer may give.
        "role_values": roles,
        "members": members,
        # A client a consultant just created: its HR manager is the one to invite first.
        "without_editor": all(m.role != Membership.Role.EDITOR for m in members),
        "form": form,
    }
    if may_manage:
        context["invitations"] = selectors.pending_invitations(organisation=organisation)
        context["events"] = selectors.member_audit_trail(organisation=organisation)
    return render(request, "members/member_list.html", context)


def _chosen_member(request: HttpRequest, membership: Membership) -> tuple[Membership, MemberForm]:
    form = MemberForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = get_object_or_404(
        membership.organisation.memberships.select_related("user", "organisation"),
        pk=form.cleaned_data["membership"],
    )
    return target, form


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(request, pk)
    target, form = _chosen_member(request, membership)
    try:
        services.membership_change_role(
            membership=target, user=request.user, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": target.user.username, "role": ROLE_NOUNS[target.role]},
        )
    return redirect("member_list", pk=pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a member, or leave the organisation (the member's own row)."""
    membership = _membership_or_404(request, pk)
    target, _form = _chosen_member(request, membership)
    try:
        services.membership_remove(membership=target, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("member_list", pk=pk)
    if target.user_id == request.user.pk:
        messages.success(request, _("You left %(name)s.") % {"name": membership.organisation})
        return redirect("dashboard")
    messages.success(
        request,
        _("%(name)s is no longer a member of %(organisation)s.")
        % {"name": target.user.username, "organisation": membership.organisation},
    )
    return redirect("member_list", pk=pk)


def _chosen_invitation(request: HttpRequest, pk: int) -> Invitation:
    membership = _membership_or_404(request, pk)
    form = InvitationChoiceForm(request.POST)
    if not form.is_valid():
        raise Http404
    return get_object_or_404(
        membership.organisation.invitations.select_related("organisation", "invited_by"),
        pk=form.cleaned_data["invitation"],
    )


@login_required
@require_POST
@limits.limit(limits.INVITATION, method="POST")
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _chosen_invitation(request, pk)
    try:
        services.invitation_resend(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The invitation is sent again to %(email)s, with a new link.")
            % {"email": invitation.email},
        )
    return redirect("member_list", pk=pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _chosen_invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is revoked. Its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("member_list", pk=pk)


def _login_url(next_url: str = "") -> str:
    """The login page, whichever app serves it (LOGIN_URL), coming back to `next_url`."""
    url = resolve_url(settings.LOGIN_URL)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _invitation_unusable(request: HttpRequest, reason: str, status: int, invitation=None):
    return render(
        request,
        "members/invitation_invalid.html",
        {"reason": reason, "invitation": invitation, "login_url": _login_url()},
        status=status,
    )


def _joined(request: HttpRequest, membership: Membership) -> HttpResponse:
    request.session[SESSION_KEY] = membership.organisation_id
    messages.success(
        request,
        _("Welcome to %(organisation)s. Your role: %(role)s.")
        % {"organisation": membership.organisation, "role": membership.get_role_display()},
    )
    return redirect("dashboard")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation mail: join the organisation, with a new account if needed.

    A link that matches no invitation is a 404; an expired, used or revoked one a 410. Neither
    creates anything.
    """
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return _invitation_unusable(request, "unknown", 404)
    status = invitation.status()
    if status != Invitation.Status.PENDING:
        return _invitation_unusable(request, status, 410, invitation)
    if request.user.is_authenticated:
        return _accept_as_member(request, invitation)
    return _accept_with_new_account(request, invitation)


def _accept_as_member(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    other_address = not services.user_has_address(request.user, invitation.email)
    if request.method == "POST" and not other_address:
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            return _joined(request, membership)
    return render(
        request,
        "members/invitation_accept.html",
        {"invitation": invitation, "other_address": other_address},
        status=403 if other_address else 200,
    )


def _accept_with_new_account(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    account_exists = services.email_has_account(invitation.email)
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and not account_exists and form.is_valid():
        try:
            user = services.invitation_accept_new_user(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            return _joined(request, user.memberships.get(organisation=invitation.organisation))
    # People at a domain their organisation signs in with a provider may accept through it
    # (the provider's verified address must be the invited one: wizard/accounts/adapters.py).
    provider = sign_in_provider_for(invitation.email)
    return render(
        request,
        "members/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "account_exists": account_exists,
            "login_url": _login_url(request.path),
            "provider_name": provider[1] if provider else "",
            "provider_login_url": (
                reverse("openid_connect_login", args=[provider[0]]) if provider else ""
            ),
        },
    )
