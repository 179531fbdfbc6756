from __future__ import annotations

import datetime

from django.utils import translation

from wizard.fragments import fragment_key


def test_the_same_parts_give_the_same_key():
    assert fragment_key(1, "Titel", datetime.date(2026, 1, 2)) == fragment_key(
        1, "Titel", datetime.date(2026, 1, 2)
    )


def test_any_changed_part_gives_another_key():
    base = fragment_key(1, "Titel", "draft")
    assert fragment_key(2, "Titel", "draft") != base
    assert fragment_key(1, "Titel ", "draft") != base
    assert fragment_key(1, "Titel", "approved") != base


def test_the_interface_language_is_part_of_the_key():
    with translation.override("nl"):
        dutch = fragment_key(1)
    with translation.override("en"):
        english = fragment_key(1)
    assert dutch != english


def test_today_is_part_of_the_key(monkeypatch):
    from django.utils import timezone

    today = fragment_key(1)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2000, 1, 1))
    assert fragment_key(1) != today


def test_dates_and_lazy_texts_are_fingerprinted_by_their_text():
    from django.utils.translation import gettext_lazy

    assert fragment_key(datetime.datetime(2026, 1, 2, 3, 4)) == fragment_key("2026-01-02 03:04:00")
    assert fragment_key(gettext_lazy("Dashboard")) == fragment_key(str(gettext_lazy("Dashboard")))


# --- What the cached fragments may hold -------------------------------------------------------

PAGES = [
    ("dashboard", {}),
    ("organisation_list", {}),
    ("workspace", {}),
    ("template_list", {}),
    ("review_queue", {}),
    ("wizard_step", {"step": "conduct"}),
    ("policy_review", {}),
    ("policy_history", {}),
    ("policy_audit", {}),
]


def cached_fragments() -> list[str]:
    import pickle

    from django.core.cache import caches

    store = caches["fragments"]._cache  # LocMemCache keeps pickled values in a dict
    return [pickle.loads(value) for value in store.values()]  # noqa: S301 - our own cache


def visit_every_page(client, policy) -> None:
    from django.urls import NoReverseMatch, reverse

    for name, kwargs in PAGES:
        try:
            url = reverse(name, kwargs={"pk": policy.pk, **kwargs})
        except NoReverseMatch:
            url = reverse(name, kwargs=kwargs or None)
        for language in ("nl", "en"):
            assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code in (200, 403)


def test_no_cached_fragment_holds_a_csrf_token(client, organisation, policy):
    """A fragment is shared by everyone who sees the same data; a token in it would hand one
    user's CSRF token to another."""
    from tests.factories import MembershipFactory, PolicyFactory
    from wizard.models import Membership, Policy

    PolicyFactory(organisation=organisation, status=Policy.Status.IN_REVIEW)
    for role in Membership.Role.values:
        user = MembershipFactory(organisation=organisation, role=role).user
        client.force_login(user)
        visit_every_page(client, policy)
    fragments = cached_fragments()
    assert fragments, "the pages cache no fragment at all: this test would prove nothing"
    for fragment in fragments:
        assert "csrfmiddlewaretoken" not in fragment
