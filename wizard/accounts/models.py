"""What the app keeps about an account beyond allauth's: whether the person advises clients."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The app's receivers of allauth's signals, connected with the models (as Django loads them).
from wizard.accounts import signals  # noqa: F401

# A deleted account's user name is "former-member-<id>"; pages show it as "former member"
# (member_name). Sign-up refuses names of this form (AccountAdapter.clean_username).
FORMER_MEMBER_PREFIX = "former-member-"
FORMER_MEMBER_NAME = re.compile(rf"{re.escape(FORMER_MEMBER_PREFIX)}\d+")


RESERVED_USERNAME = _("This user name is reserved. Choose another.")


def is_former_member_name(username: str) -> bool:
    return FORMER_MEMBER_NAME.fullmatch(username or "") is not None


def member_name(user) -> str:
    """A user's name as pages show it: the translated "former member" for a deleted account
    (reads only the user name, which every list already loads)."""
    username = user.get_username()
    return gettext("former member") if is_former_member_name(username) else username


def former_members_in(text: str) -> str:
    """Text written about a deleted account (an audit event's detail) with "former member"
    in place of its user name."""
    return FORMER_MEMBER_NAME.sub(lambda _match: gettext("former member"), text or "")


class ConsultantQuerySet(models.QuerySet):
    def is_consultant(self, user) -> bool:
        return user.is_authenticated and self.filter(user=user).exists()


class Consultant(models.Model):
    """Someone who signed up to advise clients: they may create client organisations before
    they are a consultant of any (wizard.organisations.views.organisation_new)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultant",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConsultantQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultant")
        verbose_name_plural = _("consultants")

    def __str__(self) -> str:
        return str(self.user)
