"""Forms of the review workflow."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.policies.blocks import BLOCKS
from wizard.review.workflow import COMMENT_MAX_LENGTH
from wizard.text import interface_language, text_in


def block_choices() -> list[tuple[str, str]]:
    ui = interface_language()
    return [("", _("The policy as a whole")), *((b.key, text_in(b.title, ui)) for b in BLOCKS)]


class CommentForm(forms.Form):
    block_key = forms.ChoiceField(label=_("Building block"), choices=(), required=False)
    text = CleanTextField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["block_key"].choices = block_choices()


class DecisionForm(CommentForm):
    """A reviewer's decision, with the comment typed beside it (optional here): the page has
    one form for both, so "Request changes" and "Approve" never lose what was typed."""

    note = CleanTextField(
        label=_("Note for the author"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the e-mail notice. Comment on a building block above for details."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False


class PublishForm(forms.Form):
    """Publishing a new version: must staff confirm again, or is it a minor correction?"""

    MATERIAL = "material"
    MINOR = "minor"

    change = forms.ChoiceField(
        label=_("Must staff confirm this version again?"),
        choices=[
            (MATERIAL, _("Yes: a material change. Everyone confirms the new version.")),
            (
                MINOR,
                _("No: a minor correction. Confirmations of the previous version stay valid."),
            ),
        ],
        initial=MATERIAL,
        required=False,
        widget=forms.RadioSelect,
    )

    @property
    def minor(self) -> bool:
        return self.is_valid() and self.cleaned_data["change"] == self.MINOR


class CompareForm(forms.Form):
    older = forms.IntegerField(label=_("Older revision"), min_value=1)
    newer = forms.IntegerField(label=_("Newer revision"), min_value=1)


class RestoreForm(forms.Form):
    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ResolveForm(forms.Form):
    comment = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
