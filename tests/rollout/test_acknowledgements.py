"""Staff confirm that they read the published policy, by the staff link or a personal link."""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import publish_new_version
from wizard.models import Acknowledgement, AuditEvent, Policy
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.rollout import services
from wizard.rollout.models import StaffMember


def page_url(policy: Policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def confirm_url(policy: Policy) -> str:
    return reverse("published_acknowledge", kwargs={"token": policy.share_token})


def read(policy: Policy) -> dict:
    """What the staff page sends back with a confirmation: the version and text it showed."""
    return {"version": policy.version_label, "fingerprint": services.policy_fingerprint(policy)}


def confirm(client, policy, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl", **extra):
    return client.post(confirm_url(policy), {"name": name, "email": email, **read(policy)}, **extra)


def confirmation_link(message) -> str:
    """The path of the one-time confirmation link in an e-mail."""
    found = re.search(r"https?://\S+/p/\S+/confirm/\S+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def test_publishing_records_the_new_staff_link_in_the_audit_trail(published):
    assert AuditEvent.objects.filter(policy=published, action=AuditEvent.Action.SHARE).exists()


def test_the_staff_page_shows_version_pdf_and_the_confirm_button(client, published):
    Policy.objects.filter(pk=published.pk).update(
        version_label="2.1", effective_date=datetime.date(2026, 12, 3)
    )
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Version 2.1 · in force from 3 December 2026" in page
    assert reverse("published_policy_pdf", kwargs={"token": published.share_token}) in page
    assert "I have read this policy" in page


def test_the_staff_page_speaks_dutch_to_a_dutch_reader(client, published):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Ik heb dit beleid gelezen" in page


def test_the_staff_page_sets_no_cookie_but_the_forms_csrf_one(client, published):
    response = client.get(page_url(published))
    assert set(response.cookies) <= {"csrftoken"}


def test_the_open_link_records_nothing_and_mails_a_one_time_link(client, published):
    response = confirm(client, published, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert [m.to for m in mail.outbox] == [["sanne@voorbeeldzorg.nl"]]
    assert "sanne" not in confirmation_link(mail.outbox[0])


def test_following_the_link_records_who_which_version_when_and_how(
    client, published, django_capture_on_commit_callbacks
):
    confirm(client, published)
    link = confirmation_link(mail.outbox[0])
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You confirm as Sanne Jansen (sanne@voorbeeldzorg.nl)" in page
    assert not Acknowledgement.objects.exists()  # a GET (a mail scanner) never records
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, HTTP_ACCEPT_LANGUAGE="en")
    assert "Thank you, Sanne Jansen. You confirmed version 1.0" in response.content.decode()
    record = Acknowledgement.objects.get()
    publication = published.publication
    assert (record.policy_id, record.version_label, record.email, record.method) == (
        published.pk,
        published.version_label,
        "sanne@voorbeeldzorg.nl",
        Acknowledgement.Method.EMAIL_LINK,
    )
    assert record.fingerprint == publication.fingerprint
    assert (
        record.pdf_sha256 == publication.pdf_sha256 == hashlib.sha256(publication.pdf).hexdigest()
    )


def test_the_answer_is_the_same_whoever_the_address_belongs_to(client, published):
    services.acknowledge(
        policy=published,
        name="Lotte Jansen",
        email="lotte@voorbeeldzorg.nl",
        method=Acknowledgement.Method.PERSONAL_LINK,
        fingerprint=services.policy_fingerprint(published),
    )
    known = confirm(client, published, email="lotte@voorbeeldzorg.nl").content.decode()
    unknown = confirm(client, published, email="nobody@voorbeeldzorg.nl").content.decode()
    assert "Lotte" not in known
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert strip.sub("", known) == strip.sub("", unknown)
    assert Acknowledgement.objects.get().name == "Lotte Jansen"


def test_a_verified_confirmation_replaces_an_unverified_one(client, published):
    services.acknowledge(
        policy=published,
        name="Iemand Anders",
        email="sanne@voorbeeldzorg.nl",
        method=Acknowledgement.Method.UNVERIFIED,
        fingerprint=services.policy_fingerprint(published),
    )
    confirm(client, published)
    client.post(confirmation_link(mail.outbox[0]))
    record = Acknowledgement.objects.get()
    assert (record.name, record.method) == ("Sanne Jansen", Acknowledgement.Method.EMAIL_LINK)


def test_following_the_link_twice_keeps_one_record(client, published):
    confirm(client, published)
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    response = client.post(link, HTTP_ACCEPT_LANGUAGE="en")
    assert "You confirmed version 1.0" in response.content.decode()
    assert Acknowledgement.objects.count() == 1


def test_an_expired_confirmation_link_is_404(client, published):
    confirm(client, published)
    link = confirmation_link(mail.outbox[0])
    later = timezone.now() + datetime.timedelta(seconds=services.CONFIRM_LINK_MAX_AGE + 60)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.post(link).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_forged_confirmation_link_is_404(client, published):
    url = reverse("confirm_by_email", kwargs={"token": published.share_token, "key": "x" * 80})
    assert client.get(url).status_code == 404


def test_a_bad_address_is_a_form_error_not_a_record(client, published):
    response = confirm(client, published, email="not an address", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert not mail.outbox


def test_an_address_outside_the_organisations_domains_gets_no_mail(client, published):
    published.organisation.staff_email_domains = "voorbeeldzorg.nl"
    published.organisation.save()
    response = confirm(client, published, email="sanne@gmail.com", HTTP_ACCEPT_LANGUAGE="en")
    assert "this organisation accepts addresses at @voorbeeldzorg.nl" in response.content.decode()
    assert not mail.outbox
    confirm(client, published, email="sanne@VoorbeeldZorg.nl")
    assert [m.to for m in mail.outbox] == [["sanne@voorbeeldzorg.nl"]]


def test_a_revoked_link_takes_no_confirmations(client, published, editor):
    url = confirm_url(published)
    services.policy_share_link_revoke(policy=published, user=editor)
    assert client.post(url, {"name": "A", "email": "a@b.nl"}).status_code == 404
    assert not mail.outbox


@pytest.fixture
def own_domain(published):
    published.organisation.staff_email_domains = "voorbeeldzorg.nl"
    published.organisation.save()
    return published


def test_a_whole_office_behind_one_address_confirms_at_its_own_domain(client, own_domain):
    statuses = {
        confirm(client, own_domain, email=f"p{i}@VoorbeeldZorg.nl ").status_code for i in range(200)
    }
    assert statuses == {200}
    assert len(mail.outbox) == 200


def test_addresses_outside_the_domains_are_limited_per_client_address(client, own_domain, settings):
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "staff_confirm": "3/h"}
    statuses = [confirm(client, own_domain, email=f"p{i}@gmail.com").status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert confirm(client, own_domain, email="p9@voorbeeldzorg.nl").status_code == 200


def test_without_domains_every_address_is_limited_per_client_address(client, published, settings):
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "staff_confirm": "3/h"}
    statuses = [
        confirm(client, published, email=f"p{i}@voorbeeldzorg.nl").status_code for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_one_mailbox_gets_a_few_mails_an_hour(client, own_domain):
    statuses = [
        confirm(client, own_domain, email="same@voorbeeldzorg.nl").status_code for _ in range(10)
    ]
    assert statuses[-1] == 429
    assert len(mail.outbox) <= 5


def test_one_address_cannot_be_confirmed_over_and_over(client, published):
    statuses = [
        confirm(client, published, REMOTE_ADDR=f"10.0.0.{i}").status_code for i in range(11)
    ]
    assert statuses[-1] == 429


def test_the_limit_per_address_ignores_case_and_spaces(client, published):
    for i in range(10):
        confirm(client, published, email="same@voorbeeldzorg.nl", REMOTE_ADDR=f"10.0.1.{i}")
    response = confirm(client, published, email=" SAME@voorbeeldzorg.nl ", REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429


def test_a_name_is_one_line(client, published):
    confirm(client, published, name="Sanne\n=2+5;\x07 Jansen")
    client.post(confirmation_link(mail.outbox[0]))
    assert Acknowledgement.objects.get().name == "Sanne =2+5; Jansen"


# --- Bound to what was read -----------------------------------------------------------------


def test_a_confirmation_of_a_page_read_before_a_newer_version_is_refused(client, published, editor):
    old = read(published)
    newer = publish_new_version(published, editor)
    response = client.post(
        confirm_url(newer),
        {"name": "Sanne", "email": "sanne@voorbeeldzorg.nl", **old},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "A newer version was published: read it first." in page
    assert f"What changed since version {published.version_label}" in page
    assert not mail.outbox
    assert not Acknowledgement.objects.exists()


def test_a_confirmation_link_for_an_older_version_records_nothing(client, published, editor):
    confirm(client, published)
    link = confirmation_link(mail.outbox[0])
    publish_new_version(published, editor)
    response = client.post(link, HTTP_ACCEPT_LANGUAGE="en")
    assert "A newer version was published: read it first." in response.content.decode()
    assert not Acknowledgement.objects.exists()


# --- Receipts -------------------------------------------------------------------------------


def test_a_verified_confirmation_sends_a_receipt_with_the_hash(
    client, published, django_capture_on_commit_callbacks
):
    confirm(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(mail.outbox[0]))
    receipt = mail.outbox[-1]
    assert receipt.to == ["sanne@voorbeeldzorg.nl"]
    assert published.publication.pdf_sha256 in receipt.body
    assert published.version_label in receipt.body
    assert page_url(published) in receipt.body
    assert reverse("check_copy") in receipt.body


# --- Personal links -------------------------------------------------------------------------


@pytest.fixture
def member(published):
    return StaffMember.objects.create(
        organisation=published.organisation, name="Piet de Boer", email="piet@voorbeeldzorg.nl"
    )


def personal_url(policy, member) -> str:
    return reverse(
        "personal_policy",
        kwargs={"token": policy.share_token, "key": services.personal_key(member)},
    )


def test_a_personal_link_is_private_and_not_stored(client, published, member):
    response = client.get(personal_url(published, member))
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    assert response.status_code == 200
    assert {"private", "no-store"} <= parts


def test_sending_personal_links_mails_each_person_after_commit(
    published, member, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.personal_links_send(policy=published, user=editor, members=[member])
    assert [m.to for m in mail.outbox] == [["piet@voorbeeldzorg.nl"]]
    assert personal_url(published, member) in mail.outbox[0].body
    member.refresh_from_db()
    assert member.last_sent_at is not None


def test_a_personal_link_confirms_with_one_button(client, published, member):
    url = personal_url(published, member)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You confirm as Piet de Boer" in page
    assert 'name="email"' not in page
    assert not Acknowledgement.objects.exists()  # a GET never writes
    client.post(url, read(published))
    record = Acknowledgement.objects.get()
    assert (record.name, record.email, record.method) == (
        "Piet de Boer",
        "piet@voorbeeldzorg.nl",
        Acknowledgement.Method.PERSONAL_LINK,
    )


def test_a_forged_personal_link_is_404(client, published, member):
    url = reverse("personal_policy", kwargs={"token": published.share_token, "key": "forged"})
    assert client.get(url).status_code == 404


def test_a_personal_link_does_not_show_the_address_in_the_url(published, member):
    assert "piet" not in personal_url(published, member)
    assert (
        "piet"
        not in base64.urlsafe_b64decode(services.personal_key(member).split(":")[0] + "==").decode()
    )


def test_a_personal_link_of_an_erased_person_is_404(client, published, member, editor):
    url = personal_url(published, member)
    services.person_erase(policy=published, user=editor, email=member.email)
    assert client.get(url).status_code == 404


def test_a_personal_link_keeps_working_for_the_next_version(
    client, published, member, editor, publish_new_version
):
    url = personal_url(published, member)
    client.post(url, read(published))
    newer = publish_new_version(published, editor)
    assert newer.share_token == published.share_token
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "I have read this policy" in page
    client.post(url, read(newer))
    assert sorted(Acknowledgement.objects.values_list("policy_id", flat=True)) == sorted(
        [published.pk, newer.pk]
    )


def test_the_staff_page_says_what_changed_since_the_version_the_person_confirmed(
    client, published, member, editor, publish_new_version
):
    client.post(personal_url(published, member), read(published))
    newer = publish_new_version(published, editor)
    page = client.get(personal_url(newer, member), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"What changed since version {published.version_label}" in page
    assert "words added" in page
    conduct_heading = BLOCKS_BY_KEY["conduct"].title["nl"]
    assert conduct_heading in page.split("What changed since")[1].split("</section>")[0]


def test_without_an_earlier_version_the_page_lists_no_changes(client, published):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What changed since" not in page


def test_the_personal_link_mail_says_until_when_it_works(
    published, member, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.personal_links_send(policy=published, user=editor, members=[member])
    assert "The link works until" in mail.outbox[0].body or "werkt tot" in mail.outbox[0].body


def test_a_personal_link_confirmation_carries_what_was_read(client, published, member, editor):
    old = read(published)
    newer_url = personal_url(publish_new_version(published, editor), member)
    response = client.post(newer_url, old, HTTP_ACCEPT_LANGUAGE="en")
    assert "A newer version was published: read it first." in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_reopening_a_personal_link_after_confirming_says_so(
    client, published, member, django_capture_on_commit_callbacks
):
    url = personal_url(published, member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, read(published))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You confirmed version 1.0 on" in page


def test_colleagues_behind_one_address_follow_their_links_unrefused(client, own_domain):
    for i in range(30):
        confirm(client, own_domain, email=f"p{i}@voorbeeldzorg.nl")
    statuses = set()
    for message in mail.outbox[:30]:
        link = confirmation_link(message)
        statuses |= {client.get(link).status_code, client.post(link).status_code}
    assert statuses == {200}
    assert Acknowledgement.objects.count() == 30


def test_one_link_is_limited_on_its_own(client, own_domain, settings):
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "staff_link": "3/m"}
    confirm(client, own_domain)
    link = confirmation_link(mail.outbox[0])
    assert [client.get(link).status_code for _ in range(4)] == [200, 200, 200, 429]
