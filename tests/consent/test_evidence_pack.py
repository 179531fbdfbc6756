"""The evidence pack: one zip per published version, for editors, consultants and reviewers."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils.text import slugify
from openpyxl import load_workbook

from tests.factories import MembershipFactory, acknowledge
from wizard.consent import services
from wizard.models import AuditEvent, Membership
from wizard.review import workflow

DECIDED = datetime.date(2026, 12, 1)


@pytest.fixture
def published_policy(council_editor, approved_policy):
    services.meeting_log(
        policy=approved_policy,
        user=council_editor,
        meeting_on=datetime.date(2026, 11, 20),
        notes="Vragen over controle.",
    )
    services.decision_record(
        policy=approved_policy, user=council_editor, decision="consent", decided_on=DECIDED
    )
    workflow.policy_publish(policy=approved_policy, user=council_editor)
    return approved_policy


def pack_of(client, user, policy) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.get(reverse("evidence_pack", args=[policy.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_pack_holds_every_part(client, council_editor, published_policy):
    names = set(pack_of(client, council_editor, published_policy).namelist())
    assert names == {
        "policy.pdf",
        "policy.pdf.sha256",
        "consent-request.pdf",
        "consent-dossier.txt",
        "acknowledgements.csv",
        "acknowledgements.xlsx",
        "audit-trail.csv",
        "summary.txt",
    }


def test_the_pdf_is_the_published_one_with_its_sha256(client, council_editor, published_policy):
    pack = pack_of(client, council_editor, published_policy)
    pdf = pack.read("policy.pdf")
    assert pdf == bytes(published_policy.publication.pdf)
    assert pack.read("policy.pdf.sha256").decode().split()[0] == hashlib.sha256(pdf).hexdigest()


def test_the_dossier_names_the_decision_and_its_dates(client, council_editor, published_policy):
    text = pack_of(client, council_editor, published_policy).read("consent-dossier.txt").decode()
    assert "Instemming, 1 december 2026" in text
    assert "20 november 2026" in text


def test_the_register_lists_who_confirmed(client, council_editor, published_policy):
    acknowledge(published_policy, name="Sanne Jansen")
    csv_text = pack_of(client, council_editor, published_policy).read("acknowledgements.csv")
    assert "Sanne Jansen" in csv_text.decode("utf-8-sig")


def test_the_audit_trail_is_of_that_version(client, council_editor, published_policy):
    events = AuditEvent.objects.filter(policy=published_policy).count()
    csv_text = pack_of(client, council_editor, published_policy).read("audit-trail.csv")
    rows = csv_text.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + events  # a header, then each event up to the download


def test_the_summary_names_the_hash(client, council_editor, published_policy):
    summary = pack_of(client, council_editor, published_policy).read("summary.txt").decode()
    assert published_policy.publication.pdf_sha256 in summary


def test_the_summary_of_a_dutch_policy_is_all_dutch(client, council_editor, published_policy):
    summary = pack_of(client, council_editor, published_policy).read("summary.txt").decode()
    assert "Instemming nodig: ja" in summary
    assert "Consent needed" not in summary


def test_a_reviewer_gets_the_pack(client, council_reviewer, published_policy):
    assert "policy.pdf" in pack_of(client, council_reviewer, published_policy).namelist()


def test_a_consultant_gets_the_pack(client, council_organisation, published_policy):
    consultant = MembershipFactory(
        organisation=council_organisation, role=Membership.Role.CONSULTANT
    ).user
    assert "policy.pdf" in pack_of(client, consultant, published_policy).namelist()


def test_a_council_member_gets_a_404(client, council_member, published_policy):
    client.force_login(council_member)
    response = client.get(reverse("evidence_pack", args=[published_policy.pk]))
    assert response.status_code == 404


def test_another_organisation_gets_a_404(client, outsider, published_policy):
    client.force_login(outsider)
    response = client.get(reverse("evidence_pack", args=[published_policy.pk]))
    assert response.status_code == 404


def test_an_unpublished_version_has_no_pack(client, council_editor, approved_policy):
    client.force_login(council_editor)
    response = client.get(reverse("evidence_pack", args=[approved_policy.pk]))
    assert response.status_code == 404


def test_taking_the_pack_is_audited(client, council_editor, published_policy):
    pack_of(client, council_editor, published_policy)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EVIDENCE_PACK).count() == 1


def test_the_review_page_offers_the_pack(client, council_editor, published_policy):
    client.force_login(council_editor)
    response = client.get(
        reverse("policy_review", args=[published_policy.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Evidence pack" in response.text


def test_the_register_comes_as_an_excel_workbook_too(client, council_editor, published_policy):
    workbook = load_workbook(
        io.BytesIO(pack_of(client, council_editor, published_policy).read("acknowledgements.xlsx"))
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Versie", "Naam")


@pytest.mark.parametrize(
    ("url_name", "language", "document"),
    [
        ("evidence_pack", "nl", "bewijsdossier"),
        ("evidence_pack", "en", "evidence-pack"),
        ("consent_request_pdf", "nl", "instemmingsverzoek"),
        ("consent_request_docx", "en", "consent-request"),
        ("acknowledgement_register_csv", "nl", "leesbevestigingen"),
        ("acknowledgement_register_xlsx", "en", "acknowledgements"),
    ],
)
def test_a_download_is_named_after_the_organisation_and_what_it_is(
    client, council_editor, published_policy, url_name, language, document
):
    client.force_login(council_editor)
    response = client.get(
        reverse(url_name, args=[published_policy.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    organisation = slugify(published_policy.organisation.name)
    pattern = rf'attachment; filename="{organisation}_{document}_\d{{4}}-\d\d-\d\d\.[a-z]+"'
    assert re.fullmatch(pattern, response["Content-Disposition"])
