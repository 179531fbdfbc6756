"""The form renderer writes inputs and textareas itself, exactly as Django's templates do."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe

from wizard.fields import WidgetRenderer
from wizard.rollout.forms import AcknowledgeForm


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, help_text="Help")
    email = forms.EmailField(widget=forms.EmailInput(attrs={"placeholder": 'a "b" <c>'}))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(min_value=1)
    url = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    words = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "disabled": False}))
    choice = forms.ChoiceField(choices=[("a", "A & B"), ("b", "<B>")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(choices=[("x", "X")], widget=forms.CheckboxSelectMultiple)
    flag = forms.BooleanField(required=False)
    pick = forms.ChoiceField(choices=[("1", "One")])


DATA = {
    "text": '<b>"Ann" & co</b>',
    "email": "not an address",
    "hidden": "&amp;",
    "number": "0",
    "url": "javascript:x",
    "day": "31-02-2026",
    "words": "line one\n<script>alert(1)</script>\n\n",
    "choice": "b",
    "many": ["x"],
    "flag": "on",
    "pick": "1",
}


def rendered(form) -> list[str]:
    return [str(field) for field in form]


def test_the_site_renders_forms_with_it():
    assert isinstance(get_default_renderer(), WidgetRenderer)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": DATA},
        {"data": {}},
        {"initial": {"text": mark_safe("<i>safe</i>"), "day": datetime.date(2026, 12, 6)}},
        {},
    ],
    ids=["bound with errors", "bound empty", "initial", "unbound"],
)
def test_every_widget_is_written_as_the_templates_write_it(kwargs):
    ours = EveryWidget(renderer=WidgetRenderer(), **kwargs)
    django = EveryWidget(renderer=DjangoTemplates(), **kwargs)
    assert rendered(ours) == rendered(django)


def test_values_and_attributes_are_escaped():
    form = EveryWidget(data=DATA, renderer=WidgetRenderer())
    assert 'value="&lt;b&gt;&quot;Ann&quot; &amp; co&lt;/b&gt;"' in str(form["text"])
    assert 'placeholder="a &quot;b&quot; &lt;c&gt;"' in str(form["email"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in str(form["words"])


def test_the_staff_form_is_written_as_the_templates_write_it():
    data = {"name": '<b>"Ann"</b>', "email": "nope", "version": "2.0", "fingerprint": "ab" * 32}
    ours = AcknowledgeForm(data=data, renderer=WidgetRenderer())
    django = AcknowledgeForm(data=data, renderer=DjangoTemplates())
    assert rendered(ours) == rendered(django)
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in str(ours["email"])
