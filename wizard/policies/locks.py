"""Locked parts of a policy: what a consultant's master policy fixes for its clients.

A policy's `locks` are {block key: {part: reason}}. A part is one clause ("clause:<key>",
locked in or out as the master has it), one block field ("field:<key>") or the block's own
words ("own_text"). The save functions (wizard/policies/services.py) and the step forms refuse
any change to a locked part; the reason is what the client's editor is shown.
Pure functions of the stored content, so every write path asks the same question.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LOCKED_PART_CHANGED = _(
    "Your consultant's master policy locks part of this step, so it cannot be changed or "
    "removed. Undo the change to the locked part to save."
)
LOCKED_DEFAULT_REASON = _("Locked by your consultant's master policy.")

OWN_TEXT = "own_text"


def part_value(block_content: dict, part: str):
    """The value of one part of a stored block (a clause: whether it is chosen)."""
    block_content = block_content or {}
    if part.startswith("clause:"):
        return part.removeprefix("clause:") in (block_content.get("clauses") or [])
    if part.startswith("field:"):
        return block_content.get(part.removeprefix("field:"))
    if part == OWN_TEXT:
        return (block_content.get(OWN_TEXT) or "").strip()
    return None


def set_part(block_content: dict, part: str, value) -> None:
    """Give one part of `block_content` the value `value` (in place)."""
    if part.startswith("clause:"):
        key = part.removeprefix("clause:")
        clauses = [c for c in block_content.get("clauses") or [] if c != key]
        if value:
            clauses.append(key)
        block_content["clauses"] = clauses
    elif part.startswith("field:"):
        block_content[part.removeprefix("field:")] = value
    elif part == OWN_TEXT:
        block_content[OWN_TEXT] = value or ""


def changed_locked_parts(locks: dict, block_key: str, current: dict, data: dict) -> list[str]:
    """The locked parts of `block_key` whose value differs between `current` and `data`."""
    return [
        part
        for part in (locks or {}).get(block_key) or {}
        if part_value(current, part) != part_value(data, part)
    ]


def require_locked_parts_kept(*, locks: dict, block_key: str, current: dict, data: dict) -> None:
    """Refuse (ValidationError, code "locked") a save that changes a locked part."""
    changed = changed_locked_parts(locks, block_key, current, data)
    if changed:
        raise ValidationError(LOCKED_PART_CHANGED, code="locked")
