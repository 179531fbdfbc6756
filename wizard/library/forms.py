"""The form of taking updated clauses: a choice per conflict, as a master's update has."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.library.services import ClauseChange
from wizard.masters.services import COMBINED, OURS, THEIRS

# A clause is a sentence or two; a combined one stays in that measure.
COMBINED_MAX_LENGTH = 600

CHOICES = [
    (OURS, _("Keep our text")),
    (THEIRS, _("Take the library's new text")),
    (COMBINED, _("Use the combined text below")),
]


class AcceptClauseUpdatesForm(forms.Form):
    """Per conflicting clause `choice:<block>:<clause>` and `combined:<block>:<clause>`."""

    def __init__(self, *args, changes: list[ClauseChange], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts = [change for change in changes if change.conflict]
        for change in self.conflicts:
            key = change.update.key
            self.fields[f"choice:{key}"] = forms.ChoiceField(
                choices=CHOICES, widget=forms.RadioSelect, label=_("Which version to keep")
            )
            self.fields[f"combined:{key}"] = CleanTextField(
                required=False,
                max_length=COMBINED_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=change.update.ours,
                label=_("Combined text"),
            )

    def choices(self) -> dict:
        chosen: dict = {}
        for change in self.conflicts:
            key = change.update.key
            choice = self.cleaned_data[f"choice:{key}"]
            if choice == COMBINED:
                choice = (COMBINED, self.cleaned_data.get(f"combined:{key}") or "")
            chosen[key] = choice
        return chosen
