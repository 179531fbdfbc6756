"""`_field.html`, the one way a form field is written on a page."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class Answers(forms.Form):
    code_of_conduct = forms.BooleanField(
        label="We have a code of conduct", required=False, help_text="Only when there is one."
    )
    contact = forms.CharField(label="Privacy contact", required=False)


def written(form: forms.Form, name: str) -> str:
    with translation.override("en"):
        return render_to_string("_field.html", {"field": form[name]})


def test_a_single_checkbox_stands_beside_its_words_without_optional():
    html = written(Answers(), "code_of_conduct")
    box, label = html.index('type="checkbox"'), html.index('<label for="id_code_of_conduct"')
    assert box < label  # the box first, its words right after it
    assert html[box:label].count("<p") == 0  # no help text between them
    assert "(optional)" not in html
    assert 'id="id_code_of_conduct_helptext"' in html


def test_an_optional_text_field_says_so():
    assert "(optional)" in written(Answers(), "contact")


def test_a_checkbox_error_is_shown_with_it():
    class MustTick(forms.Form):
        sure = forms.BooleanField(label="Yes, erase everything")

    form = MustTick(data={})
    assert not form.is_valid()
    html = written(form, "sure")
    assert 'class="field field--error"' in html
    assert 'id="id_sure_error"' in html
