"""Fields shared by every concern: form fields for user text, and the model field that records
which user did something."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models

from wizard.text import clean_text


class CleanTextField(forms.CharField):
    """Text with control characters and bidi overrides removed; diacritics and emoji kept."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value).strip() if value else value


class LinesField(CleanTextField):
    """A textarea with one item per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        return [line.strip() for line in (text or "").split("\n") if line.strip()]


def user_reference(verbose_name, *, blank: bool = True) -> models.ForeignKey:
    """Who did something; the record stays (with no one) when that account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )
