"""Forms of the consultant workspace."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.policies.models import Policy


class CopyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Copy to"), queryset=None, empty_label=None)
    title = CleanTextField(
        label=_("Title of the copy"), max_length=Policy._meta.get_field("title").max_length
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class TemplateSaveForm(forms.Form):
    title = CleanTextField(
        label=_("Template name"),
        max_length=Policy._meta.get_field("title").max_length,
        required=False,
    )


class TemplateUseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Start a policy for"), queryset=None, empty_label=None
    )
    title = CleanTextField(
        label=_("Title"),
        max_length=Policy._meta.get_field("title").max_length,
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
