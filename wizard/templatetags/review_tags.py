"""Template helpers of the review pages: names only, no queries and no roles."""

from __future__ import annotations

from django import template

from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.text import interface_language, text_in

register = template.Library()


@register.simple_tag
def block_title(key: str) -> str:
    """A building block's title in the interface language ("" for an unknown key)."""
    block = BLOCKS_BY_KEY.get(key)
    return text_in(block.title, interface_language()) if block else ""
