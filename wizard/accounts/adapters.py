"""allauth's adapters, fitted to the app: mail through the task queue, the app's client address,
sign-up open or by invitation only, and where a new account goes first."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

from wizard import limits
from wizard.mail import queue_email
from wizard.organisations.models import Membership


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message as usual, then queue it: no request waits on the mail
        server, and a failure is tried again (wizard/mail.py)."""
        request = self.request
        site = get_current_site(request)
        context = {"request": request, "email": email, "current_site": site, **context}
        message = self.render_mail(template_prefix, email, context)
        queue_email(subject=message.subject, body=message.body, recipients=list(message.to))

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


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        return settings.ACCOUNT_SIGNUP_OPEN

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """A provider's address counts only when the provider says it verified it: an
        unverified claim could name anyone's address (and so their account)."""
        if not any(address.verified for address in sociallogin.email_addresses):
            raise ImmediateHttpResponse(
                render(request, "socialaccount/unverified_email.html", status=403)
            )
