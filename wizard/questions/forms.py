"""The question to the consultant and the consultant's answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField
from wizard.questions.models import QUESTION_MAX_LENGTH
from wizard.questions.services import ANSWER_MAX_LENGTH, EMPTY_ANSWER, EMPTY_QUESTION


class QuestionForm(forms.Form):
    text = CleanTextField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": EMPTY_QUESTION,
            "max_length": _(
                "Keep your question to at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = gettext(
            "At most %(limit)d characters. The answer appears as a comment on this step."
        ) % {"limit": QUESTION_MAX_LENGTH}


class AnswerForm(forms.Form):
    text = CleanTextField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Appears as a comment on the step, for everyone who edits the policy."),
        error_messages={
            "required": EMPTY_ANSWER,
            "max_length": _(
                "Keep your answer to at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
