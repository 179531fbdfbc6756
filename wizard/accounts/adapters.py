"""allauth's adapters, fitted to the app: mail through the task queue, the app's client address,
sign-up open or by invitation only, and where a new account goes first.

An invitation opened before signing in with a provider is where allauth meets wizard.members:
that provider sign-in may create the invited person's account (whatever ACCOUNT_SIGNUP_OPEN
says) and accepts the invitation, when the provider verified the invited address. A provider
sign-in started by "Confirm with your work account" on a staff page logs nobody in: it keeps
the addresses the provider verified for that page (wizard.organisations.sign_in)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wizard import limits
from wizard.mail import queue_email
from wizard.members import selectors as member_selectors
from wizard.members import services as member_services
from wizard.members.models import Invitation
from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership
from wizard.organisations.names import RESERVED_USERNAME, is_former_member_name
from wizard.organisations.sign_in import work_account_remember


def invitation_of_provider_sign_in(sociallogin) -> Invitation | None:
    """The pending invitation a provider sign-in started from (its page is the `next`), if
    the provider verified the invited address."""
    return member_selectors.invitation_for_verified_address(
        token=member_selectors.invitation_token_in(sociallogin.state.get("next")),
        verified_emails=[a.email for a in sociallogin.email_addresses if a.verified],
    )


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message as usual, then queue it: no request waits on the mail
        server, and a failure is tried again (wizard/mail.py)."""
        request = self.request
        site = get_current_site(request)
        context = {"request": request, "email": email, "current_site": site, **context}
        message = self.render_mail(template_prefix, email, context)
        queue_email(subject=message.subject, body=message.body, recipients=list(message.to))

    def clean_username(self, username: str, shallow: bool = False) -> str:
        # Pages show such a name as "former member" (a deleted account).
        if is_former_member_name(username.lower()):
            raise ValidationError(RESERVED_USERNAME, code="reserved_username")
        return super().clean_username(username, shallow=shallow)

    def get_client_ip(self, request: HttpRequest) -> str:
        # The address django-axes and the fair-use limits count (a forged header cannot rotate it).
        return limits.client_address(request)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return settings.ACCOUNT_SIGNUP_OPEN

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Someone without an organisation yet starts one (or, a consultant, the first client)."""
        if not Membership.objects.for_user(request.user).exists():
            return reverse("account_start")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("account_start")

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs) -> HttpResponse:
        """After a provider sign-in that started on an invitation to the address the provider
        verified, the person joins the organisation and lands on its dashboard."""
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        invitation = invitation_of_provider_sign_in(sociallogin) if sociallogin else None
        if invitation is not None:
            try:
                membership = member_services.invitation_accept(invitation=invitation, user=user)
            except ValidationError:
                pass  # The invitation page, its `next`, says why.
            else:
                request.session[SESSION_KEY] = membership.organisation_id
                messages.success(
                    request,
                    _("Welcome to %(organisation)s. Your role: %(role)s.")
                    % {
                        "organisation": membership.organisation,
                        "role": membership.get_role_display(),
                    },
                )
                kwargs["redirect_url"] = reverse("dashboard")
        return super().post_login(request, user, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        """Invitation-only still lets an invited person in through the invitation's page."""
        return (
            settings.ACCOUNT_SIGNUP_OPEN or invitation_of_provider_sign_in(sociallogin) is not None
        )

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """A provider's address counts only when the provider says it verified it: an
        unverified claim could name anyone's address (and so their account)."""
        if not any(address.verified for address in sociallogin.email_addresses):
            raise ImmediateHttpResponse(
                render(request, "socialaccount/unverified_email.html", status=403)
            )
        if sociallogin.state.get("process") == AuthProcess.REDIRECT:
            # "Confirm with your work account" (wizard.rollout): allauth logs nobody in and
            # returns to `next`, where the addresses the provider verified are read.
            work_account_remember(
                request,
                provider_id=sociallogin.account.provider,
                emails=[a.email for a in sociallogin.email_addresses if a.verified],
                name=sociallogin.user.get_full_name() if sociallogin.user else "",
            )
