"""The radio buttons and checkboxes of a form field, written as _field.html shows them."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from wizard.fields import template_text

register = template.Library()


@register.simple_tag
def choice_labels(field) -> SafeString:
    """`{% choice_labels field %}`: each choice of a radio or multiple checkbox field as a
    `<label class="choice">` around its input and text, each on a line of its own, byte for byte
    as _field.html's `{% for choice in field %}` loop wrote them
    (tests/test_choice_labels.py compares the two). That loop, a template pass per choice, cost
    more than the rest of a step page. A step form's choices are in the policy's language,
    which may not be the page's."""
    form = field.form
    lang = getattr(form, "block", None) and form.policy.language
    span = f'<span lang="{template_text(lang)}">' if lang else "<span>"
    return mark_safe(  # noqa: S308 - every name, value and label escaped
        "".join(
            f'\n      <label class="choice" for="{template_text(choice.id_for_label)}">'
            f'<input type="{template_text(choice.data["type"])}"'
            f' name="{template_text(choice.data["name"])}"'
            f' value="{template_text(choice.data["value"])}"{_attrs(choice.data["attrs"])}>'
            f" {span}{template_text(choice.choice_label)}</span></label>\n    "
            for choice in field
        )
    )


def _attrs(attrs: dict) -> str:
    # True is a bare attribute, False none; values as `{{ value }}` writes them.
    return "".join(
        f" {template_text(name)}"
        if value is True
        else f' {template_text(name)}="{template_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
