"""Text helpers every concern shares: cleaning user text, our bilingual texts, dates in words.

Plain functions on strings; nothing here knows about organisations or policies.
"""

from __future__ import annotations

import datetime
import re
import string
import unicodedata

from django.utils.translation import get_language

Text = dict  # {"nl": "...", "en": "..."}, both keys always present

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
AND = {"nl": "en", "en": "and"}

# Control characters are dropped (tab and newline stay); so are the invisible bidirectional
# overrides that can make text read differently from what it says.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)


def clean_text(value: str) -> str:
    """User text as it may be stored: no control characters, no bidi overrides, NFC.

    Diacritics and emoji (including zero-width joiners in emoji sequences) are kept.
    """
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.translate(_BIDI_CONTROLS)
    return "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def interface_language() -> str:
    """The interface language of this request: "nl" or "en"."""
    language = (get_language() or "nl")[:2]
    return language if language in ("nl", "en") else "nl"


def text_in(text: Text, language: str) -> str:
    return text.get(language) or text["nl"]


def fill(template: str, values: dict[str, str]) -> str:
    """Fill placeholders in one of *our* texts. User text is never used as a template."""
    formatter = string.Formatter()
    parts: list[str] = []
    for literal, name, _spec, _conversion in formatter.parse(template):
        # "Voorbeeld Zorg B.V." at the end of a sentence must not read "B.V..".
        if parts and parts[-1].endswith(".") and literal.startswith("."):
            literal = literal[1:]
        parts.append(literal)
        if name is not None:
            parts.append(values.get(name, "{" + name + "}") if name.isidentifier() else "")
    return "".join(parts)


def join_items(items: list[str], language: str) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND.get(language, 'en')} {items[-1]}"


def format_date(value: datetime.date | None, language: str) -> str:
    """A date in words in `language` ("3 december 2026", "3 December 2026")."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AFTER_BREAK = re.compile(r"(\r\n|\r|\n)(?=[=+\-@\t])")


def csv_safe(value) -> str:
    """A cell for a CSV file that a spreadsheet shows as text, never runs as a formula: the
    cell, and every line in it that starts like a formula (a spreadsheet may read a line break
    inside a cell as the start of a new cell), begins with a quote."""
    text = "" if value is None else str(value)
    text = "'" + text if text.startswith(_FORMULA_STARTS) else text
    return _FORMULA_AFTER_BREAK.sub(r"\1'", text)
