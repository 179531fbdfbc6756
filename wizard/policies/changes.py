"""What changed between two versions of a policy, block by block, in words a reader can count.

A pure helper on the composed policy (what staff read, not stored JSON): the staff page uses it
to say in a few plain lines what changed since the version someone confirmed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from wizard.policies.document import policy_document

_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class BlockChange:
    key: str
    heading: str
    added: int  # words only in the newer text
    removed: int  # words only in the older text


def words_changed(older: str, newer: str) -> tuple[int, int]:
    """(added, removed) words from `older` to `newer`."""
    a = _WORDS.findall(older)
    b = _WORDS.findall(newer)
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def block_changes(policy, older_content: dict, newer_content: dict) -> list[BlockChange]:
    """The building blocks whose printed text differs, in the policy's language and order."""
    before = {s.key: s for s in policy_document(policy, older_content).sections}
    changes = []
    for section in policy_document(policy, newer_content).sections:
        old = before.get(section.key)
        added, removed = words_changed(
            "\n\n".join(old.paragraphs) if old else "", "\n\n".join(section.paragraphs)
        )
        if added or removed:
            changes.append(BlockChange(section.key, section.heading, added, removed))
    return changes
