"""The policy as Markdown, with every character of user text that could be markup escaped."""

from __future__ import annotations

import re

from wizard.exports.word import meta_line, review_line
from wizard.policies.document import PolicyDocument

# Everything that could start markup: emphasis, code, links and images, raw HTML and entities,
# tables, strikethrough, headings and block quotes. Escaped with a backslash (CommonMark).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~!&])")
# Line starts that would become a list, a heading underline or a thematic break.
_MARKDOWN_BULLET_START = re.compile(r"^([-+=])", re.MULTILINE)
_MARKDOWN_NUMBER_START = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def markdown_escape(value: str) -> str:
    lines = [line.strip() for line in value.split("\n")]
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", "\n".join(lines))
    escaped = _MARKDOWN_BULLET_START.sub(r"\\\1", escaped)
    escaped = _MARKDOWN_NUMBER_START.sub(r"\1\\\2", escaped)
    # A line break inside a paragraph stays a line break (CommonMark hard break).
    return escaped.replace("\n", "\\\n")


def render_markdown(doc: PolicyDocument) -> str:
    parts = [f"# {markdown_escape(doc.title)}", f"**{markdown_escape(doc.organisation_name)}**"]
    if meta := meta_line(doc):
        parts.append(f"*{markdown_escape(meta)}*")
    if doc.intro:
        parts.append(markdown_escape(doc.intro))
    for section in doc.sections:
        parts.append(f"## {markdown_escape(section.heading)}")
        parts.extend(markdown_escape(paragraph) for paragraph in section.paragraphs)
    parts.append("---")
    if doc.contact_line:
        parts.append(f"**{markdown_escape(doc.contact_line)}**")
    if review := review_line(doc):
        parts.append(markdown_escape(review))
    if doc.adoption_line:
        parts.append(markdown_escape(doc.adoption_line))
    return "\n\n".join(parts) + "\n"
