"""The web pages load small WOFF2 subsets of the fonts; the PDF keeps the whole TrueType files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

from wizard.printing.styles import FONT_FACES

STATIC = Path(settings.BASE_DIR) / "static"
STYLES = ["Regular", "Bold", "Italic"]


def test_the_web_stylesheet_loads_only_woff2():
    css = (STATIC / "css" / "preview.css").read_text()
    assert ".ttf" not in css
    assert all(f"NotoSans-{style}.woff2" in css for style in STYLES)


@pytest.mark.parametrize("style", STYLES)
def test_each_web_font_is_small(style):
    assert (STATIC / "fonts" / f"NotoSans-{style}.woff2").stat().st_size < 20_000


@pytest.mark.parametrize("style", STYLES)
def test_a_web_font_has_the_letters_of_dutch_names_and_punctuation(style):
    cmap = TTFont(STATIC / "fonts" / f"NotoSans-{style}.woff2").getBestCmap()
    assert all(ord(char) in cmap for char in "aZ09éëïĳŁ€‘’“”–—…·")


def test_the_pdf_keeps_the_truetype_fonts():
    assert all(path.endswith(".ttf") for _family, path, _weight, _style in FONT_FACES)
