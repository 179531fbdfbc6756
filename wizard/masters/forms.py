"""Forms of master policies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.masters.services import COMBINED, OURS, THEIRS
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.locks import OWN_TEXT
from wizard.policies.models import Policy

TITLE_MAX_LENGTH = Policy._meta.get_field("title").max_length


class MakeMasterForm(forms.Form):
    title = CleanTextField(
        label=_("Name of the master"), max_length=TITLE_MAX_LENGTH, required=False
    )


class StartFromMasterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Start a policy for"), queryset=None, empty_label=None
    )
    title = CleanTextField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class LocksForm(forms.Form):
    """One checkbox and one reason per lockable part: `lock:<block>:<part>`, `reason:…`."""

    def __init__(self, *args, parts: dict[str, list[str]], locks: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        for block_key, block_parts in parts.items():
            for part in block_parts:
                reason = (locks.get(block_key) or {}).get(part)
                self.fields[f"lock:{block_key}:{part}"] = forms.BooleanField(
                    required=False, initial=reason is not None
                )
                self.fields[f"reason:{block_key}:{part}"] = CleanTextField(
                    required=False, max_length=200, initial=reason or ""
                )

    def locks(self) -> dict[str, dict[str, str]]:
        chosen: dict[str, dict[str, str]] = {}
        for block_key, block_parts in self.parts.items():
            for part in block_parts:
                if self.cleaned_data.get(f"lock:{block_key}:{part}"):
                    reason = self.cleaned_data.get(f"reason:{block_key}:{part}") or ""
                    chosen.setdefault(block_key, {})[part] = reason
        return chosen


CHOICES = [(OURS, _("Keep our text")), (THEIRS, _("Take the master's text"))]


class AcceptUpdateForm(forms.Form):
    """A choice per conflict (`choice:<block>:<part>`); for the own words also a combined
    text (`combined:<block>`)."""

    def __init__(self, *args, conflicts: list[tuple[str, str, dict]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts = conflicts
        for block_key, part, sides in conflicts:
            choices = list(CHOICES)
            if part == OWN_TEXT:
                choices.append((COMBINED, _("Use the combined text below")))
                self.fields[f"combined:{block_key}"] = CleanTextField(
                    required=False,
                    max_length=BLOCKS_BY_KEY[block_key].max_chars,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    initial=sides["ours"],
                    label=_("Combined text"),
                )
            self.fields[f"choice:{block_key}:{part}"] = forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, label=_("Which version to keep")
            )

    def choices(self) -> dict:
        chosen: dict = {}
        for block_key, part, _sides in self.conflicts:
            choice = self.cleaned_data[f"choice:{block_key}:{part}"]
            if choice == COMBINED:
                choice = (COMBINED, self.cleaned_data.get(f"combined:{block_key}") or "")
            chosen[(block_key, part)] = choice
        return chosen
