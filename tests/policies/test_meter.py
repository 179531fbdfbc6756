"""The page meter's verdict (templates/_meter.html): fitting at a smaller type size is
a note with what to shorten, not an error."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from wizard.printing import PageFit


def meter(percent: int, fits: bool) -> str:
    fit = PageFit(percent=percent, fits=fits, level=0 if percent <= 100 else 1, longest=())
    with translation.override("en"):
        return render_to_string(
            "_meter.html", {"fit": fit, "fit_longest_titles": ["Conduct", "Audience"]}
        )


def test_a_fit_at_a_smaller_type_size_is_a_note_with_what_to_shorten():
    html = meter(104, fits=True)
    assert "meter--smaller" in html and "meter--over" not in html
    assert "For the normal type size, shorten: Conduct, Audience." in html


def test_too_long_for_one_page_is_an_error():
    html = meter(130, fits=False)
    assert "meter--over" in html and "meter--smaller" not in html
    assert "Too long for one page." in html


def test_a_fit_at_the_normal_size_is_neither():
    html = meter(80, fits=True)
    assert "meter--over" not in html and "meter--smaller" not in html
