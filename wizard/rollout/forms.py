"""The forms of the rollout: confirming as staff, and the register's actions for HR."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField, LinesField

IMPORT_MAX_BYTES = 1024 * 1024
DOMAIN = re.compile(r"^(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z")


class AcknowledgeForm(forms.Form):
    """Nothing more than a name and a work e-mail address."""

    name = CleanTextField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (CSV)"),
        help_text=_(
            "A CSV file with a first line naming the columns “name” and “email”. Other columns "
            "are not read. People already on the list are updated."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read: a staff list of 5,000 people is far below 1 MB.
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1 MB. Split the list into smaller files."),
                code="too_large",
            )
        return upload


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("json", "JSON")],
        initial="csv",
        required=False,
    )


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254)
    confirm = forms.BooleanField(
        label=_("Yes, erase everything kept under this address. This cannot be undone."),
        required=True,
    )


class StaffDomainsForm(forms.Form):
    domains = LinesField(
        label=_("Accept confirmations only from these e-mail domains"),
        required=False,
        max_length=2000,
        help_text=_("One domain a line, for example voorbeeldzorg.nl. Leave empty to accept any."),
    )

    def clean_domains(self) -> list[str]:
        domains = [d.lstrip("@").lower() for d in self.cleaned_data["domains"]]
        wrong = [d for d in domains if not DOMAIN.match(d)]
        if wrong:
            raise forms.ValidationError(
                _("These are not domains: %(domains)s.") % {"domains": ", ".join(wrong)},
                code="invalid_domain",
            )
        return list(dict.fromkeys(domains))
