"""The policy as a document: what the preview, the print template and every export read.

Composing happens here once, in the policy's own language, from the block definitions and the
content stored on the policy. Everything in a `PolicyDocument` is plain text; templates escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wizard.policies.blocks import (
    BLOCKS,
    BLOCKS_BY_KEY,
    LANGUAGES,
    SECTORS,
    VOCABULARY,
    Block,
    BlockField,
    always_clauses,
    offered_clauses,
    offered_in,
)
from wizard.policies.releases import ClauseUpdate, clause_updates, printed_clause
from wizard.printing import safe_brand_colour
from wizard.text import Text, clean_text, fill, format_date, interface_language, join_items, text_in

# Texts of the document frame, in both policy languages.
DOCUMENT_TEXTS: dict[str, Text] = {
    "default_title": {"nl": "Social-mediabeleid", "en": "Social media policy"},
    "intro": {
        "nl": (
            "Dit beleid helpt je social media goed te gebruiken. Het geldt voor iedereen die "
            "voor {organisation} werkt, ook stagiairs, uitzendkrachten en vrijwilligers."
        ),
        "en": (
            "This policy helps you use social media well. It applies to everyone who works for "
            "{organisation}, including interns, temps and volunteers."
        ),
    },
    "effective_date": {"nl": "Ingangsdatum", "en": "Effective date"},
    "version": {"nl": "Versie", "en": "Version"},
    "contact": {"nl": "Vragen?", "en": "Questions?"},
    "contact_line": {
        "nl": "Vragen over dit beleid? Neem contact op met {contact}.",
        "en": "Questions about this policy? Contact {contact}.",
    },
    "next_review": {"nl": "Volgende herziening", "en": "Next review"},
    # The adoption line, per participation body (wizard/organisations/models.py).
    "adopted_works_council": {
        "nl": (
            "Vastgesteld door de directie op {adopted}, na instemming van de ondernemingsraad op "
            "{consented}."
        ),
        "en": (
            "Adopted by the management on {adopted}, after the works council consented on "
            "{consented}."
        ),
    },
    "adopted_mr_staff_section": {
        "nl": (
            "Vastgesteld door de directie op {adopted}, na instemming van de personeelsgeleding "
            "van de MR op {consented}."
        ),
        "en": (
            "Adopted by the management on {adopted}, after the staff section of the participation "
            "council consented on {consented}."
        ),
    },
    "adopted_gmr_staff_section": {
        "nl": (
            "Vastgesteld door de directie op {adopted}, na instemming van de personeelsgeleding "
            "van de GMR op {consented}."
        ),
        "en": (
            "Adopted by the management on {adopted}, after the staff section of the joint "
            "participation council consented on {consented}."
        ),
    },
    "adopted_staff_representation": {
        "nl": (
            "Vastgesteld door de directie op {adopted}, na overleg met de "
            "personeelsvertegenwoordiging op {consented}."
        ),
        "en": (
            "Adopted by the management on {adopted}, after consulting the staff representation "
            "on {consented}."
        ),
    },
    "adopted_none": {
        "nl": "Vastgesteld door de directie op {adopted}.",
        "en": "Adopted by the management on {adopted}.",
    },
    "footer": {
        "nl": (
            "{organisation} · {title} · versie {version} · "
            "Opgesteld met Policy Builder: een hulpmiddel, geen juridisch advies"
        ),
        "en": (
            "{organisation} · {title} · version {version} · "
            "Drafted with Policy Builder: a tool, not legal advice"
        ),
    },
}


def organisation_sector(organisation) -> str:
    sector = getattr(organisation, "sector", "") if organisation is not None else ""
    return sector if sector in SECTORS else "other"


def organisation_facts(organisation) -> frozenset[str]:
    """What the intake answers say about `organisation`, as blocks.FACTS (none for None)."""
    if organisation is None:
        return frozenset()
    facts = set()
    if organisation.has_code_of_conduct:
        facts.add("code_of_conduct")
    if organisation.privacy_contact_name or organisation.privacy_contact_email:
        facts.add("privacy_contact")
    if organisation.press_contact:
        facts.add("press_contact")
    if organisation.staff_size in ("50_249", "250_plus"):
        facts.add("staff_50_plus")
    return frozenset(facts)


def default_block_content(block: Block, sector: str = "other") -> dict:
    clauses = [c.key for c in offered_clauses(block, sector) if c.default]
    content: dict = {"clauses": clauses, "own_text": ""}
    for block_field in block.fields:
        default = dict(block_field.sector_defaults).get(sector, block_field.default)
        if default is None:
            default = [] if block_field.kind in ("multi", "lines") else ""
        if block_field.kind == "multi":
            offered = {o.key for o in block_field.options if offered_in(o, sector)}
            default = [key for key in default if key in offered]
        content[block_field.key] = list(default) if isinstance(default, list) else default
    return content


def default_content(organisation=None) -> dict:
    """A new policy's content: the defaults for the organisation's sector."""
    sector = organisation_sector(organisation)
    return {block.key: default_block_content(block, sector) for block in BLOCKS}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[str, ...]

    @property
    def char_count(self) -> int:
        return sum(len(p) for p in self.paragraphs)


@dataclass(frozen=True)
class PolicyDocument:
    language: str
    title: str
    organisation_name: str
    brand_colour: str
    logo_digest: str  # the organisation's logo (a Logo's SHA-256), "" for none
    logo_url: str  # where the app serves that logo, "" for none
    intro: str
    sections: tuple[Section, ...]
    effective_date: str
    version_label: str
    contact_person: str
    contact_email: str
    next_review_date: str
    labels: dict[str, str] = field(default_factory=dict)
    adoption_line: str = ""  # "Vastgesteld door de directie op ..., na instemming van ..."

    @property
    def contact_line(self) -> str:
        contact = self.contact_person
        if self.contact_email:
            contact = f"{contact} ({self.contact_email})" if contact else self.contact_email
        if not contact:
            return ""
        return fill(self.labels["contact_line"], {"contact": contact})

    def block_titles(self, keys: tuple[str, ...] | list[str]) -> str:
        """Titles of these blocks for a message in the interface language (what to shorten)."""
        return block_titles(keys)

    @property
    def footer(self) -> str:
        return fill(
            self.labels["footer"],
            {
                "organisation": self.organisation_name,
                "title": self.title,
                "version": self.version_label,
            },
        )


def block_titles(keys: tuple[str, ...] | list[str]) -> str:
    """Block titles in the interface language, quoted and joined for a message."""
    language = interface_language()
    titles = [f"“{text_in(BLOCKS_BY_KEY[key].title, language)}”" for key in keys]
    return ", ".join(titles)


def field_sentence(
    block_field: BlockField, value, language: str, values: dict[str, str] | None = None
) -> str:
    values = values or {}
    if block_field.kind == "single":
        for option in block_field.options:
            if option.key == value and option.text:
                return fill(text_in(option.text, language), values)
        return ""
    if block_field.kind == "multi":
        labels = {o.key: fill(text_in(o.label, language), values) for o in block_field.options}
        items = [labels[key] for key in value or [] if key in labels]
        rendered = join_items(items, language)
    elif block_field.kind == "lines":
        items = [clean_text(str(item)).strip() for item in value or []]
        rendered = join_items(items, language)
    else:
        rendered = clean_text(str(value or "")).strip()
    if not rendered:
        return ""
    # The user's value is inserted into our sentence, never interpreted as a template.
    return fill(text_in(block_field.sentence, language), {"value": rendered})


def compose_section(
    block: Block,
    content: dict,
    language: str,
    values: dict[str, str],
    facts: frozenset[str] = frozenset(),
    policy=None,
) -> Section:
    """One block's section; with `policy`, its clauses read as that policy prints them (the
    release of the clause library it uses, or its own wording)."""

    def clause_paragraph(clause) -> str:
        return printed_clause(policy, block.key, clause, language, facts, values)

    paragraphs: list[str] = []
    for block_field in block.fields:
        sentence = field_sentence(block_field, content.get(block_field.key), language, values)
        if sentence:
            paragraphs.append(sentence)
    chosen = set(content.get("clauses") or [])
    for clause in block.clauses:
        if clause.key in chosen and not clause.always and not clause.closing:
            paragraphs.append(clause_paragraph(clause))
    own_text = clean_text(str(content.get("own_text") or "")).strip()
    paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n", own_text) if p.strip())
    # What closes the whole policy (the consequences) follows the block's own words.
    for clause in block.clauses:
        if clause.key in chosen and clause.closing:
            paragraphs.append(clause_paragraph(clause))
    # What must be printed whatever was chosen (the whistleblower safeguard) comes last.
    for clause in always_clauses(block):
        paragraphs.append(clause_paragraph(clause))
    return Section(
        key=block.key, heading=text_in(block.title, language), paragraphs=tuple(paragraphs)
    )


def placeholder_values(policy) -> dict[str, str]:
    organisation = policy.organisation
    language = policy.language if policy.language in LANGUAGES else "nl"
    contact_person = policy.contact_person_or_default()
    contact_email = policy.contact_email_or_default()
    fallback = {"nl": "je leidinggevende", "en": "your manager"}[language]
    contact = contact_person or contact_email or fallback
    privacy = clean_text(organisation.privacy_contact_name or "").strip()
    privacy_email = organisation.privacy_contact_email
    return {
        "organisation": organisation.name,
        "contact_person": contact,
        "contact_email": contact_email or contact_person or fallback,
        "clients": text_in(VOCABULARY[organisation_sector(organisation)], language),
        "privacy_contact": privacy or privacy_email or contact,
        "press_contact": clean_text(organisation.press_contact or "").strip() or contact,
    }


def adoption_line(policy, language: str) -> str:
    """Who adopted the policy and when, with the participation body's consent (or, for a staff
    representation, consultation) and its own date; "" until the adoption date is set.

    With a body whose consent has no date yet, nothing is printed: the line would claim an
    adoption that may be void (WOR art. 27 lid 5). Without a body, or where a collective
    agreement settles the rules and no consent was asked, the management's line stands alone.
    """
    if not policy.adopted_on:
        return ""
    organisation = policy.organisation
    body = organisation.participation_body
    if body == "none" or (not policy.consented_on and organisation.collective_agreement_settles):
        body = "none"
    elif not policy.consented_on or f"adopted_{body}" not in DOCUMENT_TEXTS:
        return ""
    dates = {"adopted": format_date(policy.adopted_on, language)}
    if policy.consented_on:
        dates["consented"] = format_date(policy.consented_on, language)
    return fill(text_in(DOCUMENT_TEXTS[f"adopted_{body}"], language), dates)


def policy_document(policy, content: dict | None = None) -> PolicyDocument:
    """Compose `policy` (optionally with unsaved `content`) in the policy's own language."""
    language = policy.language if policy.language in LANGUAGES else "nl"
    content = policy.content if content is None else content
    values = placeholder_values(policy)
    organisation = policy.organisation
    facts = organisation_facts(organisation)
    sections = tuple(
        compose_section(block, content.get(block.key) or {}, language, values, facts, policy)
        for block in BLOCKS
    )
    return PolicyDocument(
        language=language,
        title=clean_text(policy.title).strip()
        or text_in(DOCUMENT_TEXTS["default_title"], language),
        organisation_name=organisation.name,
        brand_colour=safe_brand_colour(organisation.brand_colour),
        logo_digest=organisation.logo_id or "",
        logo_url=organisation.logo_url,
        intro=fill(text_in(DOCUMENT_TEXTS["intro"], language), values),
        sections=sections,
        effective_date=format_date(policy.effective_date, language),
        version_label=policy.version_label,
        contact_person=policy.contact_person_or_default(),
        contact_email=policy.contact_email_or_default(),
        next_review_date=format_date(policy.next_review_date, language),
        labels={key: text_in(text, language) for key, text in DOCUMENT_TEXTS.items()},
        adoption_line=adoption_line(policy, language),
    )


def outdated_clauses(policy) -> list[ClauseUpdate]:
    """The clauses of `policy` with a newer library wording it has not taken or declined."""
    return clause_updates(
        policy, organisation_facts(policy.organisation), placeholder_values(policy)
    )
