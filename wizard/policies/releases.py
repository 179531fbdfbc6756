"""Releases of the clause library: which wording of a default clause a policy prints.

A release is named by the day of the legal review that made it (the latest is
blocks.LEGAL_CHECK_DATE). The clauses in blocks.py hold their current wording; EARLIER_WORDINGS
keeps, for each clause a release changed, the wordings it had before. A policy records the
release it was built on (`Policy.clause_library`) and, per clause its editor decided on, the
release it took, a release it declined and its own wording (`Policy.clause_releases`,
{"<block>:<clause>": {"at": release, "declined": release, "wording": text, "language": "nl"}}).
So a policy prints the text it was built on until its editor accepts a newer one, and the older
text is the base when a newer release is merged into the policy's own wording.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wizard.policies.blocks import BLOCKS, LEGAL_CHECK_DATE, Clause, Text, _t, clause_text
from wizard.text import clean_text, fill, text_in

# Every release, oldest first; the last is the current one.
RELEASES = ("2026-12-05", LEGAL_CHECK_DATE.isoformat())
FIRST_RELEASE = RELEASES[0]


def current_release() -> str:
    """The release a new policy is built on (the default of `Policy.clause_library`)."""
    return RELEASES[-1]


@dataclass(frozen=True)
class Wording:
    """A clause's wording before the release `until` replaced it."""

    until: str
    text: Text
    variants: tuple[tuple[str, Text], ...] = ()


# {"<block>:<clause>": earlier wordings, oldest first}.
EARLIER_WORDINGS: dict[str, tuple[Wording, ...]] = {
    # The 72 hours run from the moment the breach is found (AVG art. 33 lid 1).
    "confidential:data-breach": (
        Wording(
            until="2026-12-06",
            text=_t(
                "Heb je per ongeluk gegevens van iemand gedeeld? Meld het dan meteen bij "
                "{contact_person}. We moeten een datalek vaak binnen 72 uur melden.",
                "Shared details about someone by mistake? Tell {contact_person} at once. We "
                "often have to report a data breach within 72 hours.",
            ),
            variants=(
                (
                    "privacy_contact",
                    _t(
                        "Heb je per ongeluk gegevens van iemand gedeeld? Meld het dan meteen bij "
                        "{privacy_contact}. We moeten een datalek vaak binnen 72 uur melden.",
                        "Shared details about someone by mistake? Tell {privacy_contact} at "
                        "once. We often have to report a data breach within 72 hours.",
                    ),
                ),
            ),
        ),
    ),
}


def library_key(block_key: str, clause_key: str) -> str:
    return f"{block_key}:{clause_key}"


def clause_at(block_key: str, clause: Clause, release: str) -> Clause:
    """`clause` with the wording it had in `release`."""
    for earlier in EARLIER_WORDINGS.get(library_key(block_key, clause.key), ()):
        if release < earlier.until:
            return replace(clause, text=earlier.text, variants=earlier.variants)
    return clause


def release_of_wording(block_key: str, clause_key: str) -> str:
    """The release that gave the clause its current wording."""
    earlier = EARLIER_WORDINGS.get(library_key(block_key, clause_key))
    return earlier[-1].until if earlier else FIRST_RELEASE


def decided(policy, block_key: str, clause_key: str) -> dict:
    return (policy.clause_releases or {}).get(library_key(block_key, clause_key)) or {}


def policy_release(policy, block_key: str, clause_key: str) -> str:
    """The release of the library text `policy` uses for this clause."""
    return (
        decided(policy, block_key, clause_key).get("at") or policy.clause_library or FIRST_RELEASE
    )


def own_wording(policy, block_key: str, clause_key: str) -> str | None:
    """The policy's own wording of a library clause (settled when an update was accepted);
    None when it prints the library's."""
    entry = decided(policy, block_key, clause_key)
    if entry.get("wording") is None or entry.get("language") != policy.language:
        return None
    return clean_text(str(entry["wording"])).strip()


def library_text(
    block_key: str, clause: Clause, release: str, language: str, facts, values: dict[str, str]
) -> str:
    """The library's sentence for `clause` in `release`, filled in for one organisation."""
    wording = clause_text(clause_at(block_key, clause, release), facts)
    return fill(text_in(wording, language), values)


def printed_clause(
    policy, block_key: str, clause: Clause, language: str, facts, values: dict[str, str]
) -> str:
    """The sentence `policy` prints for `clause`: its own wording, else the library's text in
    the release it uses."""
    if policy is None:
        return fill(text_in(clause_text(clause, facts), language), values)
    wording = own_wording(policy, block_key, clause.key)
    if wording is not None:
        return wording
    release = policy_release(policy, block_key, clause.key)
    return library_text(block_key, clause, release, language, facts, values)


@dataclass(frozen=True)
class ClauseUpdate:
    """A newer library wording of a clause the policy uses: `base` is the library text the
    policy was built on, `theirs` the new one, `ours` what the policy prints now."""

    block_key: str
    clause: Clause
    from_release: str
    to_release: str
    base: str
    theirs: str
    ours: str

    @property
    def key(self) -> str:
        return library_key(self.block_key, self.clause.key)

    @property
    def edited(self) -> bool:
        return self.ours != self.base


def used_clauses(content: dict):
    """(block key, clause) of every library clause `content` prints."""
    for block in BLOCKS:
        chosen = set((content.get(block.key) or {}).get("clauses") or [])
        for clause in block.clauses:
            if clause.always or clause.key in chosen:
                yield block.key, clause


def clause_updates(policy, facts, values: dict[str, str]) -> list[ClauseUpdate]:
    """The clauses `policy` uses whose library wording changed since the release it uses, and
    that its editor has not declined: "An updated clause is available"."""
    language = policy.language
    found = []
    for block_key, clause in used_clauses(policy.content or {}):
        if library_key(block_key, clause.key) not in EARLIER_WORDINGS:
            continue
        newest = release_of_wording(block_key, clause.key)
        release = policy_release(policy, block_key, clause.key)
        if release >= newest or decided(policy, block_key, clause.key).get("declined") == newest:
            continue
        base = library_text(block_key, clause, release, language, facts, values)
        theirs = library_text(block_key, clause, newest, language, facts, values)
        if base == theirs:  # the change is in a wording this organisation does not print
            continue
        ours = own_wording(policy, block_key, clause.key)
        found.append(
            ClauseUpdate(
                block_key=block_key,
                clause=clause,
                from_release=release,
                to_release=newest,
                base=base,
                theirs=theirs,
                ours=base if ours is None else ours,
            )
        )
    return found
