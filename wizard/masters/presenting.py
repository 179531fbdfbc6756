"""How the parts of a master and of a proposed update read on a page: clause texts in the
policy's language with the policy's own organisation filled in (never another client's)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wizard.masters.merging import BlockMerge
from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY, BlockField, clause_text
from wizard.policies.document import organisation_facts, placeholder_values
from wizard.policies.locks import OWN_TEXT, part_value
from wizard.policies.models import Policy
from wizard.text import fill, interface_language, text_in

CLAUSE_PREFIX = "clause:"
FIELD_PREFIX = "field:"


def _block_field(block_key: str, part: str) -> BlockField | None:
    """The field a "field:<key>" part names, if any."""
    if not part.startswith(FIELD_PREFIX):
        return None
    name = part.removeprefix(FIELD_PREFIX)
    return next((f for f in BLOCKS_BY_KEY[block_key].fields if f.key == name), None)


def part_label(policy: Policy, block_key: str, part: str) -> str:
    block = BLOCKS_BY_KEY[block_key]
    if part.startswith(CLAUSE_PREFIX):
        key = part.removeprefix(CLAUSE_PREFIX)
        facts = organisation_facts(policy.organisation)
        for clause in block.clauses:
            if clause.key == key:
                text = text_in(clause_text(clause, facts), policy.language)
                return fill(text, placeholder_values(policy))
        return key
    if part == OWN_TEXT:
        return _("In your own words")
    block_field = _block_field(block_key, part)
    if block_field is not None:
        return text_in(block_field.label, interface_language())
    return part.removeprefix(FIELD_PREFIX)


def value_text(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if value is None:
        return ""
    return str(value)


def part_text(policy: Policy, block_key: str, part: str, value) -> str:
    """A part's value as a page shows it: a field's chosen options by their words in the
    policy's language ("LinkedIn, X"), not by their keys ("linkedin", "x")."""
    block_field = _block_field(block_key, part)
    if block_field is None or not block_field.options:
        return value_text(value)
    values = placeholder_values(policy)
    labels = {
        option.key: fill(text_in(option.label, policy.language), values)
        for option in block_field.options
    }
    keys = value if isinstance(value, list) else [value] if value else []
    return ", ".join(labels.get(key, str(key)) for key in keys)


def lock_rows(policy: Policy, parts: dict[str, list[str]], content: dict, locks: dict) -> list:
    """Per block: its title and its lockable parts, each with its label, whether the master
    has it (a clause: chosen) and its lock."""
    ui = interface_language()
    rows = []
    for block in BLOCKS:
        stored = content.get(block.key) or {}
        block_locks = (locks or {}).get(block.key) or {}
        block_rows = []
        for part in parts.get(block.key) or []:
            value = part_value(stored, part)
            block_rows.append(
                {
                    "part": part,
                    "label": part_label(policy, block.key, part),
                    "value": value,
                    "text": part_text(policy, block.key, part, value),
                    "is_clause": part.startswith(CLAUSE_PREFIX),
                    "locked": part in block_locks,
                    "reason": block_locks.get(part, ""),
                    "lock_name": f"lock:{block.key}:{part}",
                    "reason_name": f"reason:{block.key}:{part}",
                }
            )
        rows.append({"key": block.key, "title": text_in(block.title, ui), "parts": block_rows})
    return rows


def update_rows(
    policy: Policy, blocks: dict[str, BlockMerge], current: dict, locks: dict | None = None
) -> list:
    """Per block the master changed or that conflicts: what accepting gives, side by side with
    what the policy has now, and the conflicts to settle."""
    ui = interface_language()
    rows = []
    for block in BLOCKS:
        merge = blocks.get(block.key)
        if merge is None or not (merge.changed_by_master or merge.conflicts):
            continue
        now = current.get(block.key) or {}
        changes = []
        parts = {f"{CLAUSE_PREFIX}{c}" for c in (now.get("clauses") or [])}
        parts |= {f"{CLAUSE_PREFIX}{c}" for c in (merge.merged.get("clauses") or [])}
        parts |= {f"field:{f.key}" for f in block.fields} | {OWN_TEXT}
        for part in sorted(parts):
            if part in merge.conflicts:
                continue
            before, after = part_value(now, part), part_value(merge.merged, part)
            if before != after:
                changes.append(
                    {
                        "label": part_label(policy, block.key, part),
                        "is_clause": part.startswith(CLAUSE_PREFIX),
                        "before": part_text(policy, block.key, part, before),
                        "after": part_text(policy, block.key, part, after),
                        "added": after is True,
                        "locked": part in ((locks or {}).get(block.key) or {}),
                    }
                )
        conflicts = [
            {
                "part": part,
                "label": part_label(policy, block.key, part),
                "ours": part_text(policy, block.key, part, sides["ours"]),
                "theirs": part_text(policy, block.key, part, sides["theirs"]),
                "choice_name": f"choice:{block.key}:{part}",
                "combined_name": f"combined:{block.key}" if part == OWN_TEXT else "",
            }
            for part, sides in merge.conflicts.items()
        ]
        if changes or conflicts:
            rows.append(
                {"title": text_in(block.title, ui), "changes": changes, "conflicts": conflicts}
            )
    return rows
