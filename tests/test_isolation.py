"""Another organisation's data answers 404 on every URL, exactly like a missing object.

The test walks the whole URL map, so a URL added later is covered without editing this file;
a URL with a parameter this test does not know how to fill makes it fail until it is taught.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import MembershipFactory, PolicyFactory
from wizard.masters import services as masters
from wizard.models import Membership

# Public or per-user URLs that take no organisation data.
NAMESPACES_SKIPPED = {"admin"}
PARAMETER_VALUES = {"step": "conduct", "fmt": "pdf", "digest": "0" * 64}
MISSING_PK = 999_999


def without_csrf(content: bytes) -> bytes:
    # The masked CSRF token differs on every response; nothing else may.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NAMESPACES_SKIPPED:
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def object_urls(pk: int, organisation_pk: int | None = None) -> list[str]:
    """Every URL with a `pk`: a policy's id, or under /organisations/ the organisation's."""
    urls = []
    for route, pattern in walk(get_resolver().url_patterns):
        converters = pattern.pattern.converters
        names = set(converters)
        if "pk" not in names:
            continue
        unknown = names - {"pk"} - set(PARAMETER_VALUES)
        assert not unknown, f"teach test_isolation how to fill {unknown} in {route}"
        url = "/" + route
        own_pk = organisation_pk if route.startswith("organisations/") else pk
        for name in names:
            value = str(own_pk or pk) if name == "pk" else PARAMETER_VALUES[name]
            url = url.replace(f"<int:{name}>", str(value)).replace(f"<str:{name}>", value)
        urls.append(url)
    return urls


@pytest.fixture
def stranger_policy(db):
    return PolicyFactory()


@pytest.fixture
def outsider_client(client, db):
    user = MembershipFactory(role=Membership.Role.CONSULTANT).user
    client.force_login(user)
    return client


def test_the_walk_finds_the_policy_urls(stranger_policy):
    urls = object_urls(stranger_policy.pk)
    assert any("/review/" in url for url in urls)
    assert any("/export/" in url for url in urls)
    assert any("/steps/" in url for url in urls)


def test_the_walk_finds_the_members_and_invitations_urls(stranger_policy):
    organisation = stranger_policy.organisation_id
    urls = object_urls(stranger_policy.pk, organisation)
    assert f"/organisations/{organisation}/members/" in urls
    assert f"/organisations/{organisation}/invitations/revoke/" in urls


def test_every_policy_url_is_404_for_another_organisation(outsider_client, stranger_policy):
    for url in object_urls(stranger_policy.pk, stranger_policy.organisation_id):
        statuses = {outsider_client.get(url).status_code, outsider_client.post(url).status_code}
        # A method the URL does not take is 405 before any lookup, for every pk alike.
        assert 404 in statuses and statuses <= {404, 405}, (url, statuses)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_policy_looks_exactly_like_a_missing_one(
    outsider_client, stranger_policy, method
):
    for theirs, missing in zip(
        object_urls(stranger_policy.pk, stranger_policy.organisation_id),
        object_urls(MISSING_PK),
        strict=True,
    ):
        a = getattr(outsider_client, method)(theirs)
        b = getattr(outsider_client, method)(missing)
        # The page may echo its own address (the language switcher's "next"), nothing more.
        theirs_page = without_csrf(a.content).replace(theirs.encode(), missing.encode())
        assert (a.status_code, theirs_page) == (
            b.status_code,
            without_csrf(b.content),
        ), theirs


def test_switching_to_an_organisation_you_do_not_belong_to_is_404(outsider_client, stranger_policy):
    response = outsider_client.post(
        "/organisations/switch/", {"organisation": stranger_policy.organisation.pk}
    )
    assert response.status_code == 404


@pytest.fixture
def stranger_master_and_update(db, django_capture_on_commit_callbacks):
    """Another consultant's master, with a client policy derived from it and an update
    waiting for that client."""
    consultant = MembershipFactory(role=Membership.Role.CONSULTANT)
    source = PolicyFactory(organisation=consultant.organisation)
    master = masters.master_make(policy=source, user=consultant.user)
    client = MembershipFactory(user=consultant.user, role=Membership.Role.CONSULTANT)
    derived = masters.master_start_policy(
        master=master, organisation=client.organisation, user=consultant.user
    )
    source.content = {**source.content, "audience": {**source.content["audience"], "own_text": "x"}}
    source.save(update_fields=["content"])
    with django_capture_on_commit_callbacks(execute=True):
        masters.master_publish_version(master=master, user=consultant.user)
    return master, derived.proposed_updates.get()


@pytest.mark.parametrize("prefix", ["/masters/", "/updates/"])
def test_another_consultants_master_or_update_is_404(
    outsider_client, stranger_master_and_update, prefix
):
    master, update = stranger_master_and_update
    pk = master.pk if prefix == "/masters/" else update.pk
    urls = [url for url in object_urls(pk) if url.startswith(prefix)]
    assert urls
    for url in urls:
        statuses = {outsider_client.get(url).status_code, outsider_client.post(url).status_code}
        assert 404 in statuses and statuses <= {404, 405}, (url, statuses)
