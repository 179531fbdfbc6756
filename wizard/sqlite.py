"""Make SQLite's case-insensitive search behave as PostgreSQL's does.

SQLite's built-in LIKE folds case for ASCII letters only, so a search for "één" misses "Één" on
SQLite but finds it on PostgreSQL. We replace LIKE on SQLite connections with a Unicode-aware
version, so `icontains` (admin search included) gives the same answers on both databases.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def _like_regex(pattern: str, escape: str | None) -> re.Pattern[str]:
    parts: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif escape and char == escape:
            escaped = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def sqlite_like(pattern: str | None, value, escape: str | None = None) -> bool | None:
    if pattern is None or value is None:
        return None
    return _like_regex(pattern, escape).fullmatch(str(value)) is not None


def unicode_like_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, sqlite_like, deterministic=True)
        connection.connection.create_function("like", 3, sqlite_like, deterministic=True)
