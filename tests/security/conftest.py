"""What the security tests share: the check for markup a strict CSP would block."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts and styles, handlers, js: URLs."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        # A JSON data block (allauth's passkey login reads one) is never run as a script.
        data_block = dict(attrs).get("type") == "application/json"
        if tag == "script" and "src" not in names and not data_block:
            self.problems.append("<script> without src")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in self.URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}=javascript:…>")

    handle_startendtag = handle_starttag


def _inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


@pytest.fixture
def inline_code() -> Callable[[str], list[str]]:
    """`inline_code(html)` lists what a strict Content-Security-Policy would block in `html`:
    inline scripts and styles, event-handler and style attributes, javascript: URLs."""
    return _inline_code
