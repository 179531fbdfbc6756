"""Forms of an organisation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.organisations.logos import PreparedLogo, prepare_logo, read_upload
from wizard.organisations.models import Organisation

LOGO_HELP = _("PNG or JPEG, at most 512 KB. Printed at the top of the policy.")


class LogoField(forms.FileField):
    """An uploaded logo, checked before it is decoded; cleans to a PreparedLogo (or None)."""

    widget = forms.FileInput(attrs={"accept": "image/png,image/jpeg"})

    def clean(self, data, initial=None) -> PreparedLogo | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        return prepare_logo(read_upload(upload))


class OrganisationForm(forms.ModelForm):
    name = CleanTextField(label=_("Name"), max_length=120)
    contact_person = CleanTextField(label=_("Contact person"), max_length=120, required=False)
    # Not a model value: a checked PNG that organisation_create stores.
    logo = LogoField(label=_("Logo"), required=False, help_text=LOGO_HELP)
    field_order = [
        "name",
        "policy_language",
        "contact_person",
        "contact_email",
        "brand_colour",
        "logo",
        "has_works_council",
    ]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "policy_language",
            "contact_person",
            "contact_email",
            "brand_colour",
            "has_works_council",
        ]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}
