"""Form fields for user text, shared by every concern's forms."""

from __future__ import annotations

from django import forms

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
