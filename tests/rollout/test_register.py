"""The register: per version who confirmed and when, who has not yet, the staff list, the CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.factories import MembershipFactory
from wizard.models import Acknowledgement, AuditEvent, Membership
from wizard.rollout import services
from wizard.rollout.models import StaffMember

PERSONAL = Acknowledgement.Method.PERSONAL_LINK


def register_url(policy) -> str:
    return reverse("acknowledgement_register", args=[policy.pk])


def ack(policy, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl", method=PERSONAL):
    fingerprint = services.policy_fingerprint(policy)
    return services.acknowledge(
        policy=policy, name=name, email=email, method=method, fingerprint=fingerprint
    )[0]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def upload(text: str, name="staff.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def import_csv(client, policy, text: str, **extra):
    return client.post(
        reverse("staff_list_import", args=[policy.pk]), {"file": upload(text)}, **extra
    )


def test_the_register_shows_who_confirmed_and_when(editor_client, published):
    ack(published)
    page = editor_client.get(register_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Acknowledgements" in page
    assert "Sanne Jansen" in page
    assert "Download CSV" in page


def test_a_reviewer_sees_the_register_but_cannot_manage_the_staff_list(client, published):
    reviewer = MembershipFactory(
        organisation=published.organisation, role=Membership.Role.REVIEWER
    ).user
    client.force_login(reviewer)
    ack(published)
    page = client.get(register_url(published)).content.decode()
    assert "Sanne Jansen" in page
    assert reverse("staff_list_import", args=[published.pk]) not in page
    assert import_csv(client, published, "name,email\nA,a@b.nl\n").status_code == 403


def test_the_register_is_404_for_another_organisation(client, published, outsider):
    client.force_login(outsider)
    assert client.get(register_url(published)).status_code == 404
    csv_url = reverse("acknowledgement_register_csv", args=[published.pk])
    assert client.get(csv_url).status_code == 404


def test_the_review_page_links_to_the_register(editor_client, published):
    page = editor_client.get(reverse("policy_review", args=[published.pk])).content.decode()
    assert register_url(published) in page


def test_the_csv_neutralises_formulas_in_names(editor_client, published):
    ack(published, name='=HYPERLINK("http://evil")', email="a@voorbeeldzorg.nl")
    ack(published, name="@SUM(A1)", email="b@voorbeeldzorg.nl")
    response = editor_client.get(reverse("acknowledgement_register_csv", args=[published.pk]))
    assert response["Content-Type"].startswith("text/csv")
    names = [row[2] for row in csv_rows(response)[1:]]
    assert sorted(names) == sorted(['\'=HYPERLINK("http://evil")', "'@SUM(A1)"])


def test_the_csv_lists_each_version_and_who_has_not_yet(
    editor_client, published, editor, publish_new_version
):
    ack(published)
    StaffMember.objects.create(organisation=published.organisation, name="Piet", email="p@x.nl")
    newer = publish_new_version(published, editor)
    response = editor_client.get(
        reverse("acknowledgement_register_csv", args=[newer.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = csv_rows(response)
    assert rows[0][:6] == ["Version", "Policy", "Name", "E-mail", "Confirmed", "How"]
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        ("1.1", "Piet", "not yet"),
        ("1.0", "Sanne Jansen", rows[2][4]),
    ]
    assert rows[2][4][:4].isdigit()
    assert rows[2][6] == services.policy_fingerprint(published)


def test_a_new_version_starts_a_new_round(editor_client, published, editor, publish_new_version):
    ack(published)
    newer = publish_new_version(published, editor)
    page = editor_client.get(register_url(newer), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    current, earlier = page.split("(published now)")[1].split("(earlier version)")
    assert "Sanne Jansen" not in current
    assert "Sanne Jansen" in earlier
    assert f"Version {published.version_label} (earlier version)" in page


# --- Importing the staff list ---------------------------------------------------------------


def test_importing_a_staff_list_adds_the_people(editor_client, published):
    response = import_csv(
        editor_client, published, "name,email\nSanne Jansen,sanne@x.nl\nPiet,PIET@x.nl\n"
    )
    assert response.status_code == 302
    assert sorted(StaffMember.objects.values_list("name", "email")) == [
        ("Piet", "piet@x.nl"),
        ("Sanne Jansen", "sanne@x.nl"),
    ]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT_STAFF).exists()


def test_a_dutch_excel_list_with_semicolons_and_extra_columns_is_read(editor_client, published):
    text = "Afdeling;Naam;E-mail;Notitie\nZorg;Sanne;sanne@x.nl;=cmd|'/c calc'!A0\n"
    import_csv(editor_client, published, text)
    member = StaffMember.objects.get()
    assert (member.name, member.email) == ("Sanne", "sanne@x.nl")


def test_errors_are_reported_per_line_and_nothing_is_imported(editor_client, published):
    text = "name,email\nGoed,goed@x.nl\n,leeg@x.nl\nFout,geen-adres\nDubbel,goed@x.nl\n"
    response = import_csv(editor_client, published, text, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 3: the name is missing." in page
    assert "Line 4: “geen-adres” is not an e-mail address." in page
    assert "Line 5: “goed@x.nl” is already on line 2." in page
    assert not StaffMember.objects.exists()


def test_a_field_over_the_csv_limit_is_an_error_of_its_line(editor_client, published):
    text = f"name,email\nGoed,goed@x.nl\n{'x' * 131_073},lang@x.nl\nOok,ook@x.nl\n"
    response = import_csv(editor_client, published, text, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 3: a field is far too long" in page
    assert not StaffMember.objects.exists()


def test_an_unclosed_quote_is_an_error_not_a_crash(editor_client, published):
    text = f'name,email\n"Open,open@x.nl\n{"y" * 140_000}\n'
    response = import_csv(editor_client, published, text, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "a field is far too long" in response.content.decode()


def test_a_file_without_the_expected_columns_is_refused(editor_client, published):
    response = import_csv(editor_client, published, "a,b\n1,2\n", HTTP_ACCEPT_LANGUAGE="en")
    assert "The first line must name the columns" in response.content.decode()
    assert not StaffMember.objects.exists()


def test_a_file_that_is_not_text_is_refused(editor_client, published):
    # Bytes that are neither UTF-8 nor Windows-1252, without a UTF-16 byte order mark.
    response = editor_client.post(
        reverse("staff_list_import", args=[published.pk]),
        {"file": SimpleUploadedFile("staff.csv", b"\x81\x8d\x8f\x90\x9d binary")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "The file cannot be read as text" in response.content.decode()
    assert not StaffMember.objects.exists()


@pytest.mark.parametrize(
    ("saved_as", "data"),
    [
        # Excel on Windows, "CSV (comma delimited)": Windows-1252.
        ("CSV", "name;email\nJosé Müller;jose@example.org\n".encode("cp1252")),
        # Excel, "CSV UTF-8": UTF-8 with a byte order mark.
        ("CSV UTF-8", "\ufeffname;email\nJosé Müller;jose@example.org\n".encode()),
        # Excel, "Unicode text": UTF-16 with its byte order mark, tab-separated.
        ("Unicode text", "name\temail\r\nJosé Müller\tjose@example.org\r\n".encode("utf-16")),
    ],
    ids=["cp1252", "utf-8", "utf-16"],
)
def test_a_list_imports_as_a_spreadsheet_saves_it(editor_client, published, saved_as, data):
    response = editor_client.post(
        reverse("staff_list_import", args=[published.pk]),
        {"file": SimpleUploadedFile("staff.csv", data)},
    )
    assert response.status_code == 302, saved_as
    assert list(StaffMember.objects.values_list("name", "email")) == [
        ("José Müller", "jose@example.org")
    ]


def test_a_file_over_1_mb_is_refused_before_it_is_read(editor_client, published):
    big = "name,email\n" + "Sanne Jansen,sanne@x.nl\n" * 50_000
    response = import_csv(editor_client, published, big, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The file is larger than 1 MB" in response.content.decode()
    assert not StaffMember.objects.exists()


def test_importing_again_updates_names_without_duplicates(editor_client, published):
    import_csv(editor_client, published, "name,email\nSanne,sanne@x.nl\n")
    import_csv(editor_client, published, "name,email\nSanne Jansen,sanne@x.nl\n")
    assert list(StaffMember.objects.values_list("name", flat=True)) == ["Sanne Jansen"]


def test_the_register_lists_who_has_not_confirmed_and_reminds_them(
    editor_client, published, django_capture_on_commit_callbacks
):
    import_csv(editor_client, published, "name,email\nSanne,sanne@x.nl\nPiet,piet@x.nl\n")
    ack(published, name="Sanne", email="sanne@x.nl")
    page = editor_client.get(register_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not confirmed yet" in page
    assert "piet@x.nl" in page.split("Not confirmed yet")[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("staff_links_send", args=[published.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["piet@x.nl"]]


def test_the_organisation_sets_its_staff_domains(editor_client, published):
    url = reverse("staff_domains", args=[published.pk])
    editor_client.post(url, {"domains": "@VoorbeeldZorg.nl\nzorg.example\n"})
    published.organisation.refresh_from_db()
    assert published.organisation.staff_domains == ["voorbeeldzorg.nl", "zorg.example"]
    response = editor_client.post(url, {"domains": "not a domain"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "These are not domains: not a domain." in response.content.decode()


# --- A person's records on request ----------------------------------------------------------


def test_a_persons_records_are_exported_as_json(editor_client, published):
    ack(published)
    ack(published, name="Ander", email="ander@voorbeeldzorg.nl")
    response = editor_client.post(
        reverse("person_export", args=[published.pk]),
        {"email": "Sanne@voorbeeldzorg.nl", "format": "json"},
    )
    records = json.loads(response.content)
    assert [(r["name"], r["version"]) for r in records] == [("Sanne Jansen", "1.0")]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT_PERSON).exists()


def test_a_persons_records_are_exported_as_safe_csv(editor_client, published):
    ack(published, name="+31 6 1234", email="sanne@voorbeeldzorg.nl")
    response = editor_client.post(
        reverse("person_export", args=[published.pk]), {"email": "sanne@voorbeeldzorg.nl"}
    )
    rows = csv_rows(response)
    assert rows[1][1] == "'+31 6 1234"


def test_a_persons_records_are_erased_and_nobody_elses(editor_client, published):
    ack(published)
    ack(published, name="Ander", email="ander@voorbeeldzorg.nl")
    StaffMember.objects.create(
        organisation=published.organisation, name="Sanne", email="sanne@voorbeeldzorg.nl"
    )
    editor_client.post(
        reverse("person_erase", args=[published.pk]),
        {"email": "sanne@voorbeeldzorg.nl", "confirm": "on"},
    )
    assert list(Acknowledgement.objects.values_list("email", flat=True)) == [
        "ander@voorbeeldzorg.nl"
    ]
    assert not StaffMember.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ERASE_PERSON)
    assert "sanne" not in event.detail


def test_erasing_needs_the_confirmation_box(editor_client, published):
    ack(published)
    response = editor_client.post(
        reverse("person_erase", args=[published.pk]), {"email": "sanne@voorbeeldzorg.nl"}
    )
    assert response.status_code == 400
    assert Acknowledgement.objects.exists()


def test_another_organisations_records_are_not_erased(editor_client, published):
    other = MembershipFactory(role=Membership.Role.EDITOR).organisation
    for organisation in (other, published.organisation):
        StaffMember.objects.create(
            organisation=organisation, name="Sanne", email="sanne@voorbeeldzorg.nl"
        )
    editor_client.post(
        reverse("person_erase", args=[published.pk]),
        {"email": "sanne@voorbeeldzorg.nl", "confirm": "on"},
    )
    assert list(StaffMember.objects.values_list("organisation", flat=True)) == [other.pk]


@pytest.mark.parametrize("url_name", ["person_erase", "person_export"])
def test_a_reviewer_cannot_export_or_erase(client, published, url_name):
    reviewer = MembershipFactory(
        organisation=published.organisation, role=Membership.Role.REVIEWER
    ).user
    client.force_login(reviewer)
    ack(published)
    response = client.post(
        reverse(url_name, args=[published.pk]),
        {"email": "sanne@voorbeeldzorg.nl", "confirm": "on"},
    )
    assert response.status_code == 403
    assert Acknowledgement.objects.exists()


def test_a_confirmation_from_before_verification_is_shown_as_not_verified(editor_client, published):
    ack(published, method=Acknowledgement.Method.UNVERIFIED)
    page = editor_client.get(register_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>Not verified</td>" in page


def test_the_csv_neutralises_a_formula_after_a_line_break(editor_client, published):
    ack(published)
    Acknowledgement.objects.update(name="Sanne\n=2+5;")
    response = editor_client.get(reverse("acknowledgement_register_csv", args=[published.pk]))
    assert csv_rows(response)[1][2] == "Sanne\n'=2+5;"


def test_importing_a_name_with_a_line_break_keeps_it_on_one_line(editor_client, published):
    import_csv(editor_client, published, 'name,email\n"Sanne\n=2+5;",sanne@x.nl\n')
    assert StaffMember.objects.get().name == "Sanne =2+5;"


# --- Erasure reaches the task queue ---------------------------------------------------------


@pytest.fixture
def tasks_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_personal_links(published, editor, capture) -> StaffMember:
    member = StaffMember.objects.create(
        organisation=published.organisation, name="Piet de Boer", email="piet@voorbeeldzorg.nl"
    )
    other = StaffMember.objects.create(
        organisation=published.organisation, name="Ander", email="ander@voorbeeldzorg.nl"
    )
    with capture(execute=True):
        services.personal_links_send(policy=published, user=editor, members=[member, other])
    return member


def test_erasing_a_person_deletes_the_mail_tasks_that_name_them(
    editor_client, published, editor, tasks_in_the_database, django_capture_on_commit_callbacks
):
    queue_personal_links(published, editor, django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.count() == 2
    editor_client.post(
        reverse("person_erase", args=[published.pk]),
        {"email": "Piet@voorbeeldzorg.nl", "confirm": "on"},
    )
    remaining = list(DBTaskResult.objects.all())
    assert [task.args_kwargs["kwargs"]["to"] for task in remaining] == ["ander@voorbeeldzorg.nl"]
    assert "Piet" not in str(remaining[0].args_kwargs)


def test_a_persons_export_includes_their_mail_tasks(
    editor_client, published, editor, tasks_in_the_database, django_capture_on_commit_callbacks
):
    queue_personal_links(published, editor, django_capture_on_commit_callbacks)
    response = editor_client.post(
        reverse("person_export", args=[published.pk]),
        {"email": "piet@voorbeeldzorg.nl", "format": "json"},
    )
    mails = [r for r in json.loads(response.content) if r["record"] == "e-mail"]
    assert [(m["email"], m["status"]) for m in mails] == [("piet@voorbeeldzorg.nl", "READY")]
    assert "Piet de Boer" in mails[0]["body"]
    assert "/p/" not in mails[0]["body"]  # the link would confirm in their name


def test_a_list_from_an_hr_system_with_the_parts_of_each_name_imports(editor_client, published):
    text = (
        "Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;E-mail zakelijk;Afdeling\n"
        "1001;Jan;van der;Berg;jan@example.org;Zorg\n"
        "1002;Fatima;;El Amrani;fatima@example.org;Keuken\n"
    )
    assert import_csv(editor_client, published, text).status_code == 302
    assert sorted(StaffMember.objects.values_list("name", "email", "department")) == [
        ("Fatima El Amrani", "fatima@example.org", "Keuken"),
        ("Jan van der Berg", "jan@example.org", "Zorg"),
    ]


def test_a_first_name_alone_is_no_name_column(editor_client, published):
    response = import_csv(editor_client, published, "voornaam;email\nJan;jan@example.org\n")
    assert response.status_code == 400
    assert not StaffMember.objects.exists()


def test_an_import_says_how_many_people_of_the_file_are_on_the_list(editor_client, published):
    import_csv(editor_client, published, "name,email\nAnna Smit,anna@example.org\n")
    text = "name,email\nSanne Jansen,sanne@example.org\nJan Berg,jan@example.org\n"
    response = import_csv(editor_client, published, text, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    # Two from this file; the list holds three, so "2 people are on the staff list" was wrong.
    assert "2 people from the file are on the staff list now." in response.content.decode()
    assert StaffMember.objects.count() == 3
