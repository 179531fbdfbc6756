"""What the app keeps about an account beyond allauth's: whether the person advises clients."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The app's receivers of allauth's signals, connected with the models (as Django loads them).
from wizard.accounts import signals  # noqa: F401
from wizard.organisations import names

# A deleted account's user name (wizard/organisations/names.py: pages show "former member").
FORMER_MEMBER_PREFIX = names.FORMER_MEMBER_PREFIX


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
