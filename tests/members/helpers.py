"""Helpers of the members tests: an invitation through the service, its link."""

from __future__ import annotations

import re

from django.urls import reverse

from wizard.members import services


def invite(organisation, by, email="Nieuw.Lid@Example.org", role="reviewer", **kwargs):
    """An invitation made through the service; its `token` is the link's secret."""
    return services.invitation_create(
        organisation=organisation, invited_by=by, email=email, role=role, **kwargs
    )


def accept_url(token: str) -> str:
    return reverse("invitation_accept", kwargs={"token": token})


def token_in_mail(message) -> str:
    return re.search(r"/invitations/([^/\s]+)/", message.body).group(1)
