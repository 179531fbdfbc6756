"""Forms of an organisation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.organisations.logos import PreparedLogo, prepare_logo, read_upload
from wizard.organisations.models import SCHOOL_BODIES, Organisation, Sector

LOGO_HELP = _("PNG or JPEG, at most 512 KB. Printed at the top of the policy.")


class LogoField(forms.FileField):
    """An uploaded logo, checked before it is decoded; cleans to a PreparedLogo (or None)."""

    widget = forms.FileInput(attrs={"accept": "image/png,image/jpeg"})

    def clean(self, data, initial=None) -> PreparedLogo | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        return prepare_logo(read_upload(upload))


# The intake questions: asked when a consultant creates a client, editable in the settings.
INTAKE_FIELDS = [
    "sector",
    "staff_size",
    "participation_body",
    "collective_agreement_settles",
    "has_code_of_conduct",
    "privacy_contact_name",
    "privacy_contact_email",
    "press_contact",
]


class IntakeFieldsMixin(forms.ModelForm):
    privacy_contact_name = CleanTextField(
        label=_("Privacy officer or privacy contact"),
        max_length=120,
        required=False,
        help_text=_("Reports of a data breach go to this person. Leave empty if there is none."),
    )
    press_contact = CleanTextField(
        label=_("Press and communication contact"),
        max_length=120,
        required=False,
        help_text=_("Who answers the press, for example: the communications team."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].help_text = _(
            "The sector chooses the words of the policy (patients, pupils, residents, customers, "
            "members) and its default clauses."
        )
        self.fields["staff_size"].help_text = _(
            "With 50 or more staff, the law requires a works council and a procedure for "
            "reporting wrongdoing; with 10 to 49, staff may have a staff representation."
        )
        self.fields["participation_body"].help_text = _(
            "A works council or the staff section of a school's (joint) participation council "
            "consents before the policy takes effect; a staff representation is consulted. The "
            "policy's adoption line says so."
        )
        self.fields["collective_agreement_settles"].label = _(
            "A collective agreement already settles these rules"
        )
        self.fields["collective_agreement_settles"].help_text = _(
            "Then no consent is needed for what it settles (WOR art. 27 lid 3)."
        )
        self.fields["has_code_of_conduct"].label = _("We have a code of conduct")
        self.fields["has_code_of_conduct"].help_text = _(
            "The policy refers to your code of conduct only when there is one."
        )

    def clean(self):
        cleaned = super().clean()
        body, sector = cleaned.get("participation_body"), cleaned.get("sector")
        if body in SCHOOL_BODIES and sector and sector != Sector.EDUCATION:
            self.add_error(
                "participation_body",
                forms.ValidationError(
                    _(
                        "Only a school has a participation council (MR or GMR). Choose "
                        "another body."
                    ),
                    code="school_body_outside_education",
                ),
            )
        return cleaned


class OrganisationForm(IntakeFieldsMixin):
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
        *INTAKE_FIELDS,
    ]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "policy_language",
            "contact_person",
            "contact_email",
            "brand_colour",
            *INTAKE_FIELDS,
        ]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}


class IntakeForm(IntakeFieldsMixin):
    """The organisation's settings page: the intake answers."""

    class Meta:
        model = Organisation
        fields = INTAKE_FIELDS
