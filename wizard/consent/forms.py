"""The consent dossier's forms; the services check the rules that need the policy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.consent.models import ConsentDossier
from wizard.fields import DatePicker

Decision = ConsentDossier.Decision


class RequestForm(forms.ModelForm):
    class Meta:
        model = ConsentDossier
        fields = ["proposed_decision", "reasons", "consequences"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class MeetingForm(forms.Form):
    meeting_on = forms.DateField(label=_("Date of the consultation meeting"), widget=DatePicker())
    meeting_notes = forms.CharField(
        label=_("Notes of the meeting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DatePicker())
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=2000,
        help_text=_("Only for consent with conditions."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, advice: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A staff representation gives advice; the others consent, with conditions, or refuse.
        wanted = (
            [Decision.ADVICE]
            if advice
            else [Decision.CONSENT, Decision.CONDITIONS, Decision.REFUSAL]
        )
        self.fields["decision"].choices = [(d.value, d.label) for d in wanted]


class PublishAnywayForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you publish without consent?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
