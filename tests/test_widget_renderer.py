"""The form renderer writes inputs, textareas and selects itself, exactly as Django's templates
do."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from wizard.fields import WidgetRenderer
from wizard.policies.forms import DetailsForm, NewPolicyForm
from wizard.rollout.forms import AcknowledgeForm

HOSTILE = "<&\"'>"
# An empty choice, groups (one with a hostile name) and choices outside any group; hostile,
# safe, lazy and numeric labels (a number is written localized, as `{{ label }}` does).
GROUPED = [
    ("", "---------"),
    (f"Fruit {HOSTILE}", [("apple", "Apple & pear"), (HOSTILE, f"<b>{HOSTILE}</b>")]),
    ("Other", [("1", 1.5), ("2", mark_safe("<i>safe</i>")), ("3", gettext_lazy("Title"))]),
    ("top", "Top level"),
    ("none", None),
]


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
    grouped = forms.ChoiceField(
        choices=GROUPED,
        required=False,
        widget=forms.Select(attrs={"class": HOSTILE, "autofocus": True, "disabled": False}),
    )
    several = forms.MultipleChoiceField(
        choices=GROUPED[1:], widget=forms.SelectMultiple(attrs={"size": 4})
    )
    typed = forms.TypedChoiceField(choices=[("", "-"), (1, "One"), (2, "Two")], coerce=int)
    maybe = forms.NullBooleanField()


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
    "grouped": HOSTILE,
    "several": ["apple", HOSTILE, "2", "top"],
    "typed": "2",
    "maybe": "true",
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
        {
            "initial": {
                "text": mark_safe("<i>safe</i>"),
                "day": datetime.date(2026, 12, 6),
                "grouped": "top",
                "several": ["1", "3"],
                "typed": 1,
                "maybe": False,
            }
        },
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
    grouped = str(form["grouped"])
    assert '<select name="grouped" class="&lt;&amp;&quot;&#x27;&gt;" autofocus id=' in grouped
    assert '<optgroup label="Fruit &lt;&amp;&quot;&#x27;&gt;">' in grouped
    assert (
        '<option value="&lt;&amp;&quot;&#x27;&gt;" selected>'
        "&lt;b&gt;&lt;&amp;&quot;&#x27;&gt;&lt;/b&gt;</option>"
    ) in grouped
    assert '<option value="2"><i>safe</i></option>' in grouped
    assert '<select name="several" size="4" required id="id_several" multiple>' in str(
        form["several"]
    )


def test_the_staff_form_is_written_as_the_templates_write_it():
    data = {"name": '<b>"Ann"</b>', "email": "nope", "version": "2.0", "fingerprint": "ab" * 32}
    ours = AcknowledgeForm(data=data, renderer=WidgetRenderer())
    django = AcknowledgeForm(data=data, renderer=DjangoTemplates())
    assert rendered(ours) == rendered(django)
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in str(ours["email"])


@pytest.mark.parametrize("kwargs", [{"data": {"language": "en"}}, {"data": {}}, {}])
def test_the_site_selects_are_written_as_the_templates_write_them(kwargs):
    for form_class in (NewPolicyForm, DetailsForm):
        ours = form_class(renderer=WidgetRenderer(), **kwargs)
        django = form_class(renderer=DjangoTemplates(), **kwargs)
        assert rendered(ours) == rendered(django)
    assert '<option value="en" selected>' in str(NewPolicyForm(data={"language": "en"})["language"])


def test_a_select_with_options_of_its_own_template_renders_through_it():
    class Starred(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    class Form(forms.Form):
        star = forms.ChoiceField(choices=[("1", "One")], widget=Starred)

    ours = Form(renderer=WidgetRenderer())
    assert rendered(ours) == rendered(Form(renderer=DjangoTemplates()))
    assert "<option" not in str(ours["star"])
