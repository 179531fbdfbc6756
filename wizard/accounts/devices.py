"""A session's device as its owner recognises it ("Firefox on Windows"), read from the browser's
User-Agent header. It is a guess, as every such reading is: the sessions page keeps the whole
header beside it."""

from __future__ import annotations

from django.utils.translation import gettext as _

# First match wins: Edge and Opera also say "Chrome/", Chrome also says "Safari/", an iPhone also
# says "Mac OS X" and Android also says "Linux".
BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str) -> str:
    """ "Safari on iPhone", or "" when the header names no browser and system we know."""
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    if not browser or not system:
        return ""
    return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
