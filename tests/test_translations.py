"""The Dutch catalogue is complete and compiled."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "wizard/locale/nl/LC_MESSAGES/django.po"


def entries() -> list[str]:
    return PO.read_text(encoding="utf-8").split("\n\n")[1:]  # the first block is the header


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
    assert [entry for entry in entries() if "#, fuzzy" in entry] == []


def test_the_compiled_catalogue_is_used():
    with translation.override("nl"):
        assert translation.gettext("Next") == "Volgende"
        assert translation.gettext("Finish") == "Afronden"
        assert translation.gettext("New policy") == "Nieuw beleid"
