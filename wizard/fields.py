"""Fields shared by every concern: form fields for user text, and the model field that records
which user did something."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

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


# The widget templates that are Django's input.html and nothing else, and its textarea.html.
WRITTEN_INPUTS = frozenset(
    {
        "django/forms/widgets/text.html",
        "django/forms/widgets/email.html",
        "django/forms/widgets/hidden.html",
        "django/forms/widgets/number.html",
        "django/forms/widgets/password.html",
        "django/forms/widgets/search.html",
        "django/forms/widgets/tel.html",
        "django/forms/widgets/url.html",
        "django/forms/widgets/date.html",
    }
)
WRITTEN_TEXTAREA = "django/forms/widgets/textarea.html"


def _attribute_value(value) -> str:
    # As `{{ value|stringformat:'s' }}` under autoescaping: safe text stays as it is.
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


class WidgetRenderer(DjangoTemplates):
    """Django's form renderer (FORM_RENDERER), writing plain `<input>` and `<textarea>` tags
    itself, exactly as Django's input.html, textarea.html and attrs.html write them
    (tests/test_widget_renderer.py compares the two). Each of those tags otherwise walks three
    nested templates, which was a fifth of a step or review page; every other widget (choices,
    selects, files) still renders through its template."""

    def render(self, template_name, context, request=None) -> SafeString:
        if template_name in WRITTEN_INPUTS:
            widget = context["widget"]
            value = widget["value"]
            html = (
                f'<input type="{conditional_escape(widget["type"])}"'
                f' name="{conditional_escape(widget["name"])}"'
                + (f' value="{_attribute_value(value)}"' if value is not None else "")
                + self._attrs(widget["attrs"])
                + ">"
            )
        elif template_name == WRITTEN_TEXTAREA:
            widget = context["widget"]
            value = widget["value"]
            html = (
                f'<textarea name="{conditional_escape(widget["name"])}"'
                + self._attrs(widget["attrs"])
                + ">\n"
                + (conditional_escape(value) if value else "")
                + "</textarea>"
            )
        else:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 - every name and value escaped above

    @staticmethod
    def _attrs(attrs: dict) -> str:
        return "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_attribute_value(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
