"""The policy as a document: what the preview, the print template and every export read.

Composing happens here once, in the policy's own language, from the block definitions and the
content stored on the policy. Everything in a `PolicyDocument` is plain text; templates escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wizard.policies.blocks import BLOCKS, LANGUAGES, Block, BlockField
from wizard.text import Text, clean_text, fill, format_date, join_items, text_in

# Texts of the document frame, in both policy languages.
DOCUMENT_TEXTS: dict[str, Text] = {
    "default_title": {"nl": "Social-mediabeleid", "en": "Social media policy"},
    "intro": {
        "nl": (
            "Social media horen bij ons werk en ons leven. Dit beleid helpt je ze goed te "
            "gebruiken: voor jezelf, je collega's en {organisation}."
        ),
        "en": (
            "Social media are part of our work and our lives. This policy helps you use them "
            "well: for yourself, your colleagues and {organisation}."
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
    "footer": {
        "nl": "{organisation} · {title} · versie {version}",
        "en": "{organisation} · {title} · version {version}",
    },
}


def default_block_content(block: Block) -> dict:
    content: dict = {"clauses": [c.key for c in block.clauses if c.default], "own_text": ""}
    for block_field in block.fields:
        default = block_field.default
        if default is None:
            default = [] if block_field.kind in ("multi", "lines") else ""
        content[block_field.key] = list(default) if isinstance(default, list) else default
    return content


def default_content() -> dict:
    return {block.key: default_block_content(block) for block in BLOCKS}


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

    @property
    def contact_line(self) -> str:
        contact = self.contact_person
        if self.contact_email:
            contact = f"{contact} ({self.contact_email})" if contact else self.contact_email
        if not contact:
            return ""
        return fill(self.labels["contact_line"], {"contact": contact})

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


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
DEFAULT_BRAND_COLOUR = "#1f5f8b"


def safe_brand_colour(value: str) -> str:
    # The colour reaches the print CSS: only a strict hex value ever gets there.
    return value if isinstance(value, str) and _HEX_COLOUR.match(value) else DEFAULT_BRAND_COLOUR


def field_sentence(block_field: BlockField, value, language: str) -> str:
    if block_field.kind == "single":
        for option in block_field.options:
            if option.key == value and option.text:
                return text_in(option.text, language)
        return ""
    if block_field.kind == "multi":
        labels = {o.key: text_in(o.label, language) for o in block_field.options}
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


def compose_section(block: Block, content: dict, language: str, values: dict[str, str]) -> Section:
    paragraphs: list[str] = []
    for block_field in block.fields:
        sentence = field_sentence(block_field, content.get(block_field.key), language)
        if sentence:
            paragraphs.append(sentence)
    chosen = set(content.get("clauses") or [])
    for clause in block.clauses:
        if clause.key in chosen:
            paragraphs.append(fill(text_in(clause.text, language), values))
    own_text = clean_text(str(content.get("own_text") or "")).strip()
    paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n", own_text) if p.strip())
    return Section(
        key=block.key, heading=text_in(block.title, language), paragraphs=tuple(paragraphs)
    )


def placeholder_values(policy) -> dict[str, str]:
    organisation = policy.organisation
    language = policy.language
    contact_person = policy.contact_person_or_default()
    contact_email = policy.contact_email_or_default()
    fallback = {"nl": "je leidinggevende", "en": "your manager"}[language]
    return {
        "organisation": organisation.name,
        "contact_person": contact_person or contact_email or fallback,
        "contact_email": contact_email or contact_person or fallback,
    }


def policy_document(policy, content: dict | None = None) -> PolicyDocument:
    """Compose `policy` (optionally with unsaved `content`) in the policy's own language."""
    language = policy.language if policy.language in LANGUAGES else "nl"
    content = policy.content if content is None else content
    values = placeholder_values(policy)
    sections = tuple(
        compose_section(block, content.get(block.key) or {}, language, values) for block in BLOCKS
    )
    organisation = policy.organisation
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
    )
