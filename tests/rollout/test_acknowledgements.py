"""Staff confirm that they read the published policy, by the staff link or a personal link."""

from __future__ import annotations

import base64
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from wizard.models import Acknowledgement, AuditEvent, Policy
from wizard.organisations.logos import prepare_logo
from wizard.organisations.services import organisation_set_logo
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.rollout import services
from wizard.rollout.models import StaffMember


def page_url(policy: Policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def confirm_url(policy: Policy) -> str:
    return reverse("published_acknowledge", kwargs={"token": policy.share_token})


def confirm(client, policy, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl", **extra):
    return client.post(confirm_url(policy), {"name": name, "email": email}, **extra)


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


def test_confirming_records_who_which_version_when_and_how(client, published):
    response = confirm(client, published, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Thank you, Sanne Jansen" in response.content.decode()
    record = Acknowledgement.objects.get()
    assert (record.policy_id, record.version_label, record.email, record.method) == (
        published.pk,
        published.version_label,
        "sanne@voorbeeldzorg.nl",
        Acknowledgement.Method.OPEN_LINK,
    )
    assert record.fingerprint == services.policy_fingerprint(published)
    assert len(record.fingerprint) == 64


def test_the_fingerprint_changes_with_the_content(published):
    before = services.policy_fingerprint(published)
    published.content["conduct"]["own_text"] = "Anders."
    assert services.policy_fingerprint(published) != before


def test_confirming_twice_keeps_one_record(client, published):
    confirm(client, published)
    response = confirm(client, published, email="SANNE@voorbeeldzorg.nl")
    assert response.status_code == 200
    assert Acknowledgement.objects.count() == 1


def test_a_bad_address_is_a_form_error_not_a_record(client, published):
    response = confirm(client, published, email="not an address", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_an_address_outside_the_organisations_domains_is_refused(client, published):
    published.organisation.staff_email_domains = "voorbeeldzorg.nl"
    published.organisation.save()
    response = confirm(client, published, email="sanne@gmail.com", HTTP_ACCEPT_LANGUAGE="en")
    assert "this organisation accepts addresses at @voorbeeldzorg.nl" in response.content.decode()
    assert not Acknowledgement.objects.exists()
    confirm(client, published, email="sanne@VoorbeeldZorg.nl")
    assert Acknowledgement.objects.count() == 1


def test_a_revoked_link_takes_no_confirmations(client, published, editor):
    url = confirm_url(published)
    services.policy_share_link_revoke(policy=published, user=editor)
    assert client.post(url, {"name": "A", "email": "a@b.nl"}).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_confirming_is_rate_limited_per_address(client, published):
    statuses = [
        confirm(client, published, email=f"p{i}@voorbeeldzorg.nl").status_code for i in range(21)
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_one_address_cannot_be_confirmed_over_and_over(client, published):
    statuses = [
        confirm(client, published, REMOTE_ADDR=f"10.0.0.{i}").status_code for i in range(11)
    ]
    assert statuses[-1] == 429


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
    client.post(url)
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
    client.post(url)
    newer = publish_new_version(published, editor)
    assert newer.share_token == published.share_token
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "I have read this policy" in page
    client.post(url)
    assert sorted(Acknowledgement.objects.values_list("policy_id", flat=True)) == sorted(
        [published.pk, newer.pk]
    )


def test_the_staff_page_says_what_changed_since_the_version_the_person_confirmed(
    client, published, member, editor, publish_new_version
):
    client.post(personal_url(published, member))
    newer = publish_new_version(published, editor)
    page = client.get(personal_url(newer, member), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"What changed since version {published.version_label}" in page
    assert "words added" in page
    conduct_heading = BLOCKS_BY_KEY["conduct"].title["nl"]
    assert conduct_heading in page.split("What changed since")[1].split("</section>")[0]


def test_without_an_earlier_version_the_page_lists_no_changes(client, published):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What changed since" not in page


# --- The organisation's logo on the staff page ---------------------------------------------


def test_the_staff_page_shows_the_organisations_logo(client, published):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#0f6e6e").save(buffer, format="PNG")
    organisation_set_logo(organisation=published.organisation, logo=prepare_logo(buffer.getvalue()))
    published.organisation.refresh_from_db()
    logo_url = published.organisation.logo_url
    assert logo_url
    assert f'src="{logo_url}"' in client.get(page_url(published)).content.decode()
    response = client.get(logo_url)
    assert response["Content-Type"] == "image/png"
