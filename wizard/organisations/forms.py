"""Forms of an organisation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.organisations.models import Organisation


class OrganisationForm(forms.ModelForm):
    name = CleanTextField(label=_("Name"), max_length=120)
    contact_person = CleanTextField(label=_("Contact person"), max_length=120, required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "policy_language",
            "contact_person",
            "contact_email",
            "brand_colour",
            "logo",
            "has_works_council",
        ]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}
