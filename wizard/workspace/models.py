"""A consultant's own templates: good policies kept as starting points for any client."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import POLICY_LANGUAGES


class PolicyTemplate(models.Model):
    """A consultant's own starting policy, not tied to any client organisation.

    The organisation details of the policy it was saved from are kept so that, when a client's
    policy is started from it, they can be swapped for the client's own in the free texts.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="policy_templates",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    content = models.JSONField(_("content"), default=dict)
    source_name = models.CharField(_("organisation name to replace"), max_length=120, blank=True)
    source_contact_person = models.CharField(
        _("contact person to replace"), max_length=120, blank=True
    )
    source_contact_email = models.CharField(
        _("contact e-mail to replace"), max_length=254, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy template")
        verbose_name_plural = _("policy templates")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["owner", "title"], name="template_owner_title")]

    def __str__(self) -> str:
        return self.title
