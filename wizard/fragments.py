"""Rendered page fragments, kept per process under a fingerprint of everything they show.

A list of policies or a form costs far more to render with Django's templates than to read
from the database, and most page views show exactly what the last one showed. So a template
wraps such a part in `{% cache 86400 NAME key using="fragments" %}`, with `key` from
`fragment_key()` over every value the part shows. A change to any of them is a new key, so an
entry is never stale; old entries simply age out of the bounded cache.

Two rules keep this safe:
- a fragment shows data, never the viewer: no CSRF token (forms inside a cached part point at
  one form outside it with the `form` attribute), no user name unless it is part of the key;
- the key holds everything shown, including flags that change what is rendered (for example
  whether the viewer may restore a revision).

`fragment_key` adds the interface language and today's date itself, since every translated
label and every "review due" flag depends on them.
"""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone, translation


def _plain(value):
    # Dates, datetimes, lazy translations and model choices have a stable str().
    return str(value)


def fragment_key(*parts) -> str:
    """A fingerprint of `parts` plus the interface language and today's date."""
    canonical = json.dumps(
        [translation.get_language(), timezone.localdate().isoformat(), *parts],
        default=_plain,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:40]
