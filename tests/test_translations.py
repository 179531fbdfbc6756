"""The Dutch catalogue is complete and compiled."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "wizard/locale/nl/LC_MESSAGES/django.po"
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "gettext_noop"}


def entries(po: Path = PO) -> list[str]:
    return po.read_text(encoding="utf-8").split("\n\n")[1:]  # the first block is the header


def is_untranslated(entry: str) -> bool:
    lines = entry.strip().splitlines()
    for number, line in enumerate(lines):
        if re.match(r'msgstr(\[\d\])? ""$', line):
            following = lines[number + 1] if number + 1 < len(lines) else ""
            if not following.startswith('"'):
                return True
    return False


def test_every_message_has_a_dutch_translation():
    assert [entry for entry in entries() if is_untranslated(entry)] == []


def test_no_translation_is_left_fuzzy():
    # Nor in the English one: English is the source language, where a fuzzy guess (another
    # message's text) is never used and only misleads whoever reads the catalogue.
    for po in (PO, ROOT / "wizard/locale/en/LC_MESSAGES/django.po"):
        assert [entry for entry in entries(po) if "#, fuzzy" in entry] == [], po


def test_the_compiled_catalogue_is_used():
    with translation.override("nl"):
        assert translation.gettext("Next") == "Volgende"
        assert translation.gettext("Finish") == "Afronden"
        assert translation.gettext("New policy") == "Nieuw beleid"


def gettext_calls_in_f_strings(path: Path) -> list[str]:
    """makemessages (xgettext) does not look inside f-strings: a text marked there never
    reaches the catalogue and shows in English on a Dutch page."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in GETTEXT_NAMES
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_no_text_is_marked_for_translation_inside_an_f_string():
    sources = [*(ROOT / "wizard").rglob("*.py"), *(ROOT / "policybuilder").rglob("*.py")]
    assert [place for path in sources for place in gettext_calls_in_f_strings(path)] == []
