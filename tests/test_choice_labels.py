"""{% choice_labels %} writes a field's radio buttons and checkboxes exactly as the template loop
in _field.html did."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from tests.factories import PolicyFactory
from wizard.policies.blocks import BLOCKS
from wizard.policies.forms import STEP_FORM_BY_KEY, step_form_data
from wizard.policies.services import content_hash

# The loop _field.html had, as it was.
OLD_LOOP = """{% for choice in field %}
      <label class="choice" for="{{ choice.id_for_label }}"><input type="{{ choice.data.type }}" name="{{ choice.data.name }}" value="{{ choice.data.value }}"{% for name, value in choice.data.attrs.items %}{% if value is True %} {{ name }}{% elif value is not False %} {{ name }}="{{ value }}"{% endif %}{% endfor %}> <span{% if field.form.block and field.form.policy.language %} lang="{{ field.form.policy.language }}"{% endif %}>{{ choice.choice_label }}</span></label>
    {% endfor %}"""  # noqa: E501
NEW_TAG = "{% load choices %}{% choice_labels field %}"

HOSTILE = "<&\"'>"
CHOICES = [
    (HOSTILE, f"<b>{HOSTILE}</b>"),
    ("safe", mark_safe("<i>safe</i>")),
    ("lazy", gettext_lazy("Title")),
    ("number", 1.5),
    ("none", None),
]


class HostileForm(forms.Form):
    one = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.RadioSelect(
            attrs={"class": HOSTILE, "readonly": True, "disabled": False, "data-n": 1.5}
        ),
        help_text="Help",
    )
    many = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    number = forms.TypedChoiceField(
        choices=[(1, "One"), (2, "Two")], coerce=int, widget=forms.RadioSelect
    )


class HostileStepForm(HostileForm):
    """As a step form: its choices are in the policy's language."""

    block = object()
    policy = SimpleNamespace(language=HOSTILE)


def choice_fields(form) -> list:
    return [
        field
        for field in form
        if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))
    ]


def assert_written_as_the_loop_wrote_them(form) -> None:
    old, new = (engines["django"].from_string(source) for source in (OLD_LOOP, NEW_TAG))
    fields = choice_fields(form)
    assert fields
    for field in fields:
        assert new.render({"field": field}) == old.render({"field": field}), field.name


@pytest.mark.parametrize("form_class", [HostileForm, HostileStepForm])
@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"auto_id": False},
        {"initial": {"one": "safe", "many": [HOSTILE, "none"], "number": 2}},
        {"data": {"one": HOSTILE, "many": ["lazy", "number"], "number": "1"}},
        {"data": {"one": "nothing"}},
    ],
    ids=["unbound", "no ids", "initial", "bound", "bound with errors"],
)
def test_hostile_choices_are_written_as_the_loop_wrote_them(form_class, kwargs):
    form = form_class(**kwargs)
    assert_written_as_the_loop_wrote_them(form)


def test_a_step_form_gives_its_choices_the_policys_language():
    html = engines["django"].from_string(NEW_TAG).render({"field": HostileStepForm()["one"]})
    assert ' <span lang="&lt;&amp;&quot;&#x27;&gt;">&lt;b&gt;' in html
    assert 'class="&lt;&amp;&quot;&#x27;&gt;" readonly data-n="1,5"' in html
    assert "<span>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("step", [block.key for block in BLOCKS])
def test_the_step_forms_are_written_as_the_loop_wrote_them(step, language):
    policy = PolicyFactory(language=language)
    stored = policy.content[step]
    form_class = STEP_FORM_BY_KEY[step]
    # As the step page shows it, as it is posted back (with a field's choices locked) and empty.
    assert_written_as_the_loop_wrote_them(
        form_class(
            prefix=step, policy=policy, initial={**stored, "base_hash": content_hash(stored)}
        )
    )
    option_fields = [f.key for f in form_class.block.fields if f.kind in ("single", "multi")]
    policy.locks = {step: {f"field:{key}": "Locked." for key in option_fields}}
    assert_written_as_the_loop_wrote_them(
        form_class(data=step_form_data(policy, step), prefix=step, policy=policy)
    )
    assert_written_as_the_loop_wrote_them(form_class(data={}, prefix=step, policy=policy))
