"""A published version is frozen: its composed text and PDF are stored when it is published,
and later changes to the organisation, its logo or the app's texts never alter it."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import acknowledge, give_logo, publish, publish_new_version
from wizard import migrations as wizard_migrations
from wizard.models import Acknowledgement, Publication
from wizard.policies import document as policy_document_module
from wizard.review import workflow

# Found by its name, whatever number it is given.
FREEZE_MIGRATION = next(
    Path(wizard_migrations.__file__).parent.glob("*_freeze_published_policies.py")
)
freeze_migration = importlib.import_module(f"wizard.migrations.{FREEZE_MIGRATION.stem}")


def page_url(policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def pdf_url(policy) -> str:
    return reverse("published_policy_pdf", kwargs={"token": policy.share_token})


def pdf_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def check(client, **data):
    return client.post(reverse("check_copy"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_publishing_stores_the_composed_text_and_the_pdf_with_its_hash(published):
    publication = Publication.objects.get(policy=published)
    assert publication.document["title"] == published.title
    assert bytes(publication.pdf).startswith(b"%PDF")
    assert publication.pdf_sha256 == hashlib.sha256(publication.pdf).hexdigest()
    assert len(publication.fingerprint) == 64
    assert publication.superseded_at is None


def test_a_changed_privacy_contact_does_not_change_the_published_text(
    client, policy, editor, organisation
):
    organisation.privacy_contact_name = "Pieter Bakker"
    organisation.save()
    published = publish(policy, editor)
    pdf_before = pdf_bytes(client.get(pdf_url(published)))
    organisation.privacy_contact_name = "Iemand Anders"
    organisation.name = "Andere Naam B.V."
    organisation.save()
    page = client.get(page_url(published)).content.decode()
    assert "Meld het dan meteen bij Pieter Bakker" in page
    assert "Iemand Anders" not in page
    assert "Andere Naam" not in page
    assert pdf_bytes(client.get(pdf_url(published))) == pdf_before


def test_a_reworded_app_text_does_not_change_the_published_text(client, published, monkeypatch):
    before = client.get(page_url(published)).content.decode()
    reworded = {"nl": "Een nieuwe inleiding.", "en": "A new introduction."}
    monkeypatch.setitem(policy_document_module.DOCUMENT_TEXTS, "intro", reworded)
    after = client.get(page_url(published)).content.decode()
    assert "Een nieuwe inleiding." not in after
    assert after.count("policy-intro") == before.count("policy-intro") == 1


def test_a_new_logo_does_not_change_the_published_page_or_pdf(client, policy, editor, organisation):
    old = give_logo(organisation, colour="#0f6e6e")
    published = publish(policy, editor)
    pdf_before = pdf_bytes(client.get(pdf_url(published)))
    give_logo(organisation, colour="#c0392b")
    logo_src = reverse(
        "published_policy_logo", kwargs={"token": published.share_token, "digest": old.digest}
    )
    assert f'src="{logo_src}"' in client.get(page_url(published)).content.decode()
    response = client.get(logo_src)
    assert response["Content-Type"] == "image/png"
    assert hashlib.sha256(response.content).hexdigest() == old.digest
    assert pdf_bytes(client.get(pdf_url(published))) == pdf_before


def test_the_logo_url_serves_only_the_published_logo(client, published, organisation):
    logo = give_logo(organisation)
    url = reverse(
        "published_policy_logo", kwargs={"token": published.share_token, "digest": logo.digest}
    )
    assert client.get(url).status_code == 404


def test_the_next_version_takes_the_new_details(client, policy, editor, organisation):
    organisation.privacy_contact_name = "Pieter Bakker"
    organisation.save()
    published = publish(policy, editor)
    organisation.privacy_contact_name = "Iemand Anders"
    organisation.save()
    newer = publish_new_version(published, editor)
    assert "Meld het dan meteen bij Iemand Anders" in client.get(page_url(newer)).content.decode()
    published.publication.refresh_from_db()
    assert published.publication.superseded_at is not None


def test_archiving_ends_the_publications_current_period(published, editor):
    workflow.policy_archive(policy=published, user=editor)
    assert Publication.objects.get(policy=published).superseded_at is not None


def test_each_acknowledgement_holds_the_pdf_hash(published):
    record = acknowledge(published)
    assert record.pdf_sha256 == published.publication.pdf_sha256


def test_the_register_shows_the_hash_of_each_round(editor_client, published):
    page = editor_client.get(reverse("acknowledgement_register", args=[published.pk]))
    assert published.publication.pdf_sha256 in page.content.decode()


# --- Check a copy ---------------------------------------------------------------------------


def test_check_a_copy_recognises_a_downloaded_pdf(client, published):
    pdf = pdf_bytes(client.get(pdf_url(published)))
    response = check(client, file=SimpleUploadedFile("copy.pdf", pdf, "application/pdf"))
    page = response.content.decode()
    assert f"This is version 1.0 of “{published.title}” of {published.organisation.name}" in page
    assert "It is the current version, since" in page


def test_check_a_copy_says_until_when_an_older_version_was_current(client, published, editor):
    digest = published.publication.pdf_sha256
    publish_new_version(published, editor)
    page = check(client, sha256=digest.upper()).content.decode()
    assert "It was the current version from" in page


def test_check_a_copy_does_not_recognise_a_changed_copy(client, published):
    pdf = bytes(published.publication.pdf) + b"\n% changed"
    page = check(client, file=SimpleUploadedFile("copy.pdf", pdf)).content.decode()
    assert "This is not a published version we know of." in page
    assert published.title not in page


def test_check_a_copy_refuses_a_file_over_2_mb(client, published):
    response = check(client, file=SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 2_200_000))
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()


def test_check_a_copy_refuses_what_is_not_a_hash(client, db):
    response = check(client, sha256="not a hash")
    assert response.status_code == 400


def test_the_staff_page_links_to_check_a_copy(client, published):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reverse("check_copy")}">Check a copy<' in page


# --- Policies published before publications were stored ------------------------------------


@pytest.mark.django_db
def test_the_migration_freezes_published_policies_and_marks_old_confirmations(published):
    acknowledge(published)
    Acknowledgement.objects.update(method="open_link")
    expected = Publication.objects.get(policy=published).pdf_sha256
    Publication.objects.all().delete()
    freeze_migration.freeze_published(apps, None)
    assert Publication.objects.get(policy=published).pdf_sha256 == expected
    assert Acknowledgement.objects.get().method == Acknowledgement.Method.UNVERIFIED


def test_publishing_stores_the_text_as_the_staff_page_shows_it(published):
    publication = Publication.objects.get(policy=published)
    heading = publication.document["sections"][0]["heading"]
    assert f'<h2 class="policy-section-heading">{heading}</h2>' in publication.text_html


def test_the_staff_page_shows_the_stored_text(client, published):
    Publication.objects.filter(policy=published).update(text_html="<p>As published.</p>")
    response = client.get(page_url(published))
    assert b"<p>As published.</p>" in response.content


def test_the_staff_page_composes_the_text_of_a_publication_stored_without_it(client, published):
    Publication.objects.filter(policy=published).update(text_html="")
    response = client.get(page_url(published))
    heading = Publication.objects.get(policy=published).document["sections"][0]["heading"]
    assert heading.encode() in response.content


def test_the_check_page_marks_neither_the_pdf_nor_the_hash_optional(client, db):
    # One of the two is needed: "(optional)" beside each would say neither is.
    page = client.get(reverse("check_copy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<label for="id_file">The PDF</label>' in page
    assert '<label for="id_sha256">Or its SHA-256</label>' in page
    assert "(optional)" not in page
