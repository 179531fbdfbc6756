"""Rendered HTML remembered in each worker's memory (the "local" cache), under plain keys.

Only for what is read far more often than it changes, measured (README, "Benchmark"): the rows
of the list pages; on the step and review pages the print preview, the list of steps, the step
form and the finishing-details fields. Each key names the policy (its id, and its `updated_at`
or the step) and the interface language; what a rendering shows beyond that (the document, the
stored values, which steps are complete) is kept beside it and compared before it is used. The
template's own checksum is the cache version, so a changed template never meets old renderings.

A list page (the dashboard: 25 rows; a consultant's workspace: up to 100) spends most of its
time rendering rows that nobody changed since the last visit: about 0.1–0.2 ms of Django
template work per row, against one `get_many` for all of them from the "local" cache (each
worker's memory: no query, no write, and nothing to share, since a key names exactly what its
row was made from). A row shows only what its policy holds and how old it is, so its key is
the policy's id and `updated_at` (every save of a shown field moves it), the interface language
and today's date (the "review due" flag).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable

from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# Rows carry today's date in their key: none outlives the day it was rendered for.
ROW_TIMEOUT = 60 * 60 * 24


def template_version(template_name: str) -> int:
    """The template's checksum, from the template loader's own cache (so a template changed
    under a development server is a new version at once)."""
    return zlib.crc32(get_template(template_name).template.source.encode())


def policy_key(kind: str, policy) -> str:
    return f"{kind}:{policy.pk}:{policy.updated_at.timestamp()}:{get_language()}"


def remembered(
    key: str, template_name: str, context: dict | Callable[[], dict], made_from=None
) -> SafeString:
    """`template_name` rendered with `context` (or what a callable returns, asked only when
    it is rendered), remembered under `key`. With `made_from` (the value the rendering shows,
    such as a policy document that also holds its organisation's details), a remembered
    rendering is used only when it was made from an equal value."""
    local = caches["local"]
    version = template_version(template_name)
    kept = local.get(key, version=version)
    if kept is not None and kept[0] == made_from:
        return kept[1]
    html = render_to_string(template_name, context() if callable(context) else context)
    local.set(key, (made_from, html), version=version)
    return html


def row_key(template_name: str, policy) -> str:
    # A published policy's row shows its confirmation progress, which changes without the
    # policy changing: the counts are part of the key.
    counts = ("confirmed_count", "confirmed_any_count", "staff_count")
    progress = "/".join(str(getattr(policy, name, "")) for name in counts)
    return (
        f"row:{template_name}:{policy.pk}:{policy.updated_at.timestamp()}:"
        f"{get_language()}:{timezone.localdate().isoformat()}:{progress}"
    )


def policy_rows(template_name: str, policies: Iterable) -> list[SafeString]:
    """One rendered row per policy (`policy` in the template), in order, from the worker's
    memory where it is there; the others are rendered and kept."""
    policies = list(policies)
    version = template_version(template_name)
    keys = [row_key(template_name, policy) for policy in policies]
    found = caches["local"].get_many(keys, version=version)
    missing = {}
    for key, policy in zip(keys, policies, strict=True):
        if key not in found:
            found[key] = missing[key] = render_to_string(template_name, {"policy": policy})
    if missing:
        caches["local"].set_many(missing, ROW_TIMEOUT, version=version)
    # Rendered HTML is a SafeString, and stays one in the cache (pickled with its class).
    return [found[key] for key in keys]
