"""Fields shared by every concern: form fields for user text, and the model field that records
which user did something."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime

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


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value is ISO (2026-12-06) in every language: given the
    Dutch "06-12-2026" a picker shows an empty field, and the saved date looks lost."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


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
# Django's select.html, when each option is its select_option.html.
WRITTEN_SELECT = "django/forms/widgets/select.html"
WRITTEN_OPTION = "django/forms/widgets/select_option.html"


def _attribute_value(value) -> str:
    # As `{{ value|stringformat:'s' }}` under autoescaping: safe text stays as it is.
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def template_text(value) -> str:
    """`value` as a template's `{{ value }}` writes it: localized, then escaped unless safe."""
    if not isinstance(value, str):  # both leave text as it is
        value = localize(template_localtime(value))
    return conditional_escape(value)


class WidgetRenderer(DjangoTemplates):
    """Django's form renderer (FORM_RENDERER), writing plain `<input>`, `<textarea>` and
    `<select>` tags itself, exactly as Django's input.html, textarea.html, select.html,
    select_option.html and attrs.html write them (tests/test_widget_renderer.py compares the
    two). Each of those tags otherwise walks nested templates, per option for a select, which
    was a fifth of a step or review page; every other widget (choices, files) still renders
    through its template."""

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
        elif template_name == WRITTEN_SELECT and self._plain_options(context["widget"]):
            html = self._select(context["widget"])
        else:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 - every name and value escaped above

    @staticmethod
    def _plain_options(widget: dict) -> bool:
        # A widget with options of its own template still renders through select.html.
        return all(
            option["template_name"] == WRITTEN_OPTION
            for _group, options, _index in widget["optgroups"]
            for option in options
        )

    @classmethod
    def _select(cls, widget: dict) -> str:
        # Each option ends in a newline, as select_option.html does (only the outer template's
        # output is stripped).
        html = [
            f'<select name="{conditional_escape(widget["name"])}"{cls._attrs(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{template_text(group_name)}">')
            html.extend(
                f'\n  <option value="{_attribute_value(option["value"])}"'
                f"{cls._attrs(option['attrs'])}>{template_text(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return "".join(html)

    @staticmethod
    def _attrs(attrs: dict) -> str:
        return "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_attribute_value(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
