"""Before a master version goes out: per client, whether the change is material (staff confirm
again), whether it touches the rules the participation body consents to, and where the
client's policy stands.

What changed is worked out once per master version a client is at (most clients share one),
from the blocks and clauses that differ; what it means for consent depends on each client's
participation body (wizard/policies/consent.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.masters.models import MasterPolicy, MasterVersion, PolicyOrigin
from wizard.masters.selectors import send_candidates
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.consent import consent_needed, consent_rules_changed
from wizard.policies.locks import OWN_TEXT
from wizard.policies.models import Policy
from wizard.text import interface_language, text_in

CLAUSES = "clauses"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class VersionChange:
    """What going from one master version to another changes in the text."""

    blocks: tuple[str, ...]  # the changed blocks' titles, in the interface language
    material: bool
    consent_rules: bool


@dataclass(frozen=True)
class ClientImpact:
    origin: PolicyOrigin
    change: VersionChange
    needs_consent: bool

    @property
    def policy(self) -> Policy:
        return self.origin.policy

    @property
    def staff_confirm_again(self) -> bool:
        """A material change to a published policy: its staff confirm the new version."""
        return self.change.material and self.policy.status == Policy.Status.PUBLISHED

    @property
    def waiting_number(self) -> int | None:
        return self.origin.waiting_number

    def is_proposed_already(self, version: MasterVersion) -> bool:
        return self.origin.waiting_number == version.number


def words(text: str) -> list[str]:
    return WORD.findall((text or "").casefold())


def block_change(old: dict, new: dict) -> tuple[bool, bool]:
    """(changed, material) for one block. A clause in or out and any choice or list is
    material; the own words are when a word changes, not for case, spacing or punctuation."""
    if old == new:
        return False, False
    if set(old.get(CLAUSES) or []) != set(new.get(CLAUSES) or []):
        return True, True
    names = (set(old) | set(new)) - {CLAUSES, OWN_TEXT}
    if any(old.get(name) != new.get(name) for name in names):
        return True, True
    return True, words(old.get(OWN_TEXT)) != words(new.get(OWN_TEXT))


def version_change(old: MasterVersion, new: MasterVersion) -> VersionChange:
    ui = interface_language()
    titles, material = [], False
    for key in dict.fromkeys([*new.content, *old.content]):
        changed, block_material = block_change(
            old.content.get(key) or {}, new.content.get(key) or {}
        )
        if changed:
            block = BLOCKS_BY_KEY.get(key)
            titles.append(text_in(block.title, ui) if block else key)
            material = material or block_material
    return VersionChange(
        blocks=tuple(titles),
        material=material,
        consent_rules=consent_rules_changed(old.content, new.content),
    )


def impact_report(master: MasterPolicy, user, version: MasterVersion) -> list[ClientImpact]:
    """One row per client policy `version` can go to (see `send_candidates`)."""
    origins = list(send_candidates(master, user, version))
    olds = MasterVersion.objects.in_bulk({origin.version_id for origin in origins})
    changes = {pk: version_change(old, version) for pk, old in olds.items()}
    rows = []
    for origin in origins:
        change = changes[origin.version_id]
        # The client's organisation with the new text: would its body have to consent?
        updated = Policy(organisation=origin.policy.organisation, content=version.content)
        rows.append(
            ClientImpact(
                origin=origin,
                change=change,
                needs_consent=change.consent_rules and consent_needed(updated),
            )
        )
    return rows
