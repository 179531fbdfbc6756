"""The forms of the rollout: confirming as staff, and the register's actions for HR."""

from __future__ import annotations

import hashlib
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField, DatePicker, LinesField

IMPORT_MAX_BYTES = 1024 * 1024
# A one-page policy's PDF is far below this; "Check a copy" reads no more.
CHECK_MAX_BYTES = 2 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}\Z")
DOMAIN = re.compile(r"^(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z")


class SingleLineField(CleanTextField):
    """Text on one line: line breaks and control characters removed, spaces collapsed."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


class ReadForm(forms.Form):
    """What the page showed: the version and the fingerprint of its text, sent back with the
    confirmation so that a newer version published meanwhile is not confirmed unread."""

    version = forms.CharField(max_length=20, required=False, widget=forms.HiddenInput)
    fingerprint = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class AcknowledgeForm(ReadForm):
    """Nothing more than a name and a work e-mail address."""

    name = SingleLineField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["name", "email", "version", "fingerprint"]


class CheckCopyForm(forms.Form):
    # One of the two is needed, either one: neither is marked "(optional)" (_field.html).
    marks_optional = False

    file = forms.FileField(
        label=_("The PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    sha256 = forms.CharField(
        label=_("Or its SHA-256"),
        required=False,
        max_length=64,
        help_text=_("The 64 characters of the hash, as in the receipt."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > CHECK_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB: it is not a PDF of a published policy."),
                code="too_large",
            )
        return upload

    def clean_sha256(self) -> str:
        digest = "".join(self.cleaned_data["sha256"].split()).lower()
        if digest and not SHA256.match(digest):
            raise forms.ValidationError(
                _("A SHA-256 is 64 characters, 0 to 9 and a to f."), code="invalid_hash"
            )
        return digest

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("sha256"):
            raise forms.ValidationError(_("Choose a PDF or enter its SHA-256."), code="empty")
        return cleaned

    def digest(self) -> str:
        upload = self.cleaned_data.get("file")
        if not upload:
            return self.cleaned_data["sha256"]
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        return digest.hexdigest()


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (CSV)"),
        help_text=_(
            "A CSV file whose first line names the columns “name” (or “first name” and “last "
            "name”) and “email”, and if you like “department”. Other columns are not read. "
            "People already on the list are updated."
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


class RoundForm(forms.Form):
    """The round of the version published now: by when, and whether staff confirm again."""

    deadline = forms.DateField(
        label=_("Deadline"),
        help_text=_(
            "Staff who are on the list now confirm by this date; people added later get "
            "as many days from the day they are added."
        ),
        widget=DatePicker(),
    )
    reconfirm_months = forms.IntegerField(
        label=_("Confirm again every … months"),
        help_text=_("0: once is enough while this version is current."),
        min_value=0,
        max_value=60,
        initial=0,
    )

    def __init__(self, *args, started_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.started_on = started_on

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.started_on is not None and deadline <= self.started_on:
            raise forms.ValidationError(
                _("The deadline must be after the start of the round (%(date)s).")
                % {"date": self.started_on.isoformat()},
                code="before_start",
            )
        return deadline
