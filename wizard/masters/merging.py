"""The three-way merge of a master's update into a client's policy, block by block.

base: the master version the policy came from; theirs: the new master version; ours: the
client's policy now (base and theirs with the client's details swapped in, so a name is no
change). Per part of a block: what the client did not change takes the new text, a locked part
always takes it, and where both changed differently it is a conflict for the client's editor to
settle. The own words are merged line by line with `merge3`, so changes to different lines
combine; clauses are in or out, so they never conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from merge3 import Merge3

from wizard.policies.locks import OWN_TEXT

CLAUSES = "clauses"


@dataclass
class BlockMerge:
    merged: dict
    # {part: {"ours": value, "theirs": value}}: the merged block holds "ours" there until chosen.
    conflicts: dict = field(default_factory=dict)
    changed_by_master: bool = False


def _lines(text: str) -> list[str]:
    return (text or "").splitlines(keepends=True)


def merge_text(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """`ours` and `theirs` merged against `base`; (the text, whether it conflicts)."""
    base, ours, theirs = base or "", ours or "", theirs or ""
    if ours in (base, theirs):
        return theirs, False
    if theirs == base:
        return ours, False
    merger = Merge3(_lines(base + "\n"), _lines(ours + "\n"), _lines(theirs + "\n"))
    if any(group[0] == "conflict" for group in merger.merge_groups()):
        return ours, True
    return "".join(merger.merge_lines()).rstrip("\n"), False


def merge_value(base, ours, theirs) -> tuple[object, bool]:
    if ours in (base, theirs):
        return theirs, False
    if theirs == base:
        return ours, False
    return ours, True


def merge_block(*, base: dict, ours: dict, theirs: dict, locked: frozenset[str]) -> BlockMerge:
    """One block merged; `locked` are the parts the new master locks (they take theirs)."""
    base, ours, theirs = base or {}, ours or {}, theirs or {}
    result = BlockMerge(merged=dict(ours), changed_by_master=base != theirs)
    # Clauses: each one in or out.
    base_in, ours_in, theirs_in = (set(b.get(CLAUSES) or []) for b in (base, ours, theirs))
    chosen = []
    every = [*(theirs.get(CLAUSES) or []), *(ours.get(CLAUSES) or []), *(base.get(CLAUSES) or [])]
    for key in every:
        if key in chosen:
            continue
        part = f"clause:{key}"
        if part in locked:
            keep = key in theirs_in
        else:
            keep, _conflict = merge_value(key in base_in, key in ours_in, key in theirs_in)
        if keep:
            chosen.append(key)
    result.merged[CLAUSES] = chosen
    # Fields and the own words.
    names = (set(base) | set(ours) | set(theirs)) - {CLAUSES}
    for name in sorted(names):
        part = OWN_TEXT if name == OWN_TEXT else f"field:{name}"
        b, o, t = base.get(name), ours.get(name), theirs.get(name)
        if part in locked:
            result.merged[name] = t
            continue
        if name == OWN_TEXT:
            value, conflict = merge_text(b, o, t)
        else:
            value, conflict = merge_value(b, o, t)
        result.merged[name] = value
        if conflict:
            result.conflicts[part] = {"ours": o, "theirs": t}
    return result


def merge_content(*, base: dict, ours: dict, theirs: dict, locks: dict) -> dict[str, BlockMerge]:
    """Every block merged, by block key (`locks` as the new master version has them)."""
    keys = list(dict.fromkeys([*theirs, *ours, *base]))
    return {
        key: merge_block(
            base=base.get(key) or {},
            ours=ours.get(key) or {},
            theirs=theirs.get(key) or {},
            locked=frozenset((locks or {}).get(key) or {}),
        )
        for key in keys
    }
