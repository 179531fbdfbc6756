"""Rounds: a deadline per published version, reminders on the start, a week before, on the
deadline and weekly while overdue until the person confirms, own deadlines for people added
later, re-confirmation every N months, departments, and the register's downloads."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import acknowledge
from wizard.models import AuditEvent
from wizard.rollout import rounds, selectors, services
from wizard.rollout.models import AcknowledgementRound, RoundReminder, StaffMember

START = datetime.date(2027, 3, 1)
DEADLINE = datetime.date(2027, 3, 15)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def round_(published):
    return AcknowledgementRound.objects.create(
        policy=published, started_on=START, deadline=DEADLINE
    )


def person(published, name="Piet de Boer", email="piet@voorbeeldzorg.nl", joined=START, **extra):
    return StaffMember.objects.create(
        organisation=published.organisation,
        name=name,
        email=email,
        created_at=at(joined),
        **extra,
    )


def send(day: datetime.date, django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return services.round_reminders_send(today=day)


def kinds(member) -> list[tuple[str, datetime.date]]:
    return list(member.reminders.order_by("due_on").values_list("kind", "due_on"))


def test_a_round_without_settings_lasts_fourteen_days_from_publication(published):
    default = selectors.round_of(published)
    assert default.deadline - default.started_on == datetime.timedelta(days=14)


def test_the_start_reminder_goes_on_the_first_day(
    published, round_, django_capture_on_commit_callbacks
):
    piet = person(published)
    assert send(START, django_capture_on_commit_callbacks) == 1
    assert kinds(piet) == [(RoundReminder.Kind.START, START)]
    assert mail.outbox[0].to == ["piet@voorbeeldzorg.nl"]
    assert f"/p/{published.share_token}/me/" in mail.outbox[0].body


def test_a_reminder_goes_a_week_before_the_deadline(
    published, round_, django_capture_on_commit_callbacks
):
    piet = person(published)
    send(DEADLINE - datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert kinds(piet) == [(RoundReminder.Kind.WEEK_BEFORE, DEADLINE - datetime.timedelta(days=7))]


def test_a_reminder_goes_on_the_deadline(published, round_, django_capture_on_commit_callbacks):
    piet = person(published)
    send(DEADLINE, django_capture_on_commit_callbacks)
    assert kinds(piet) == [(RoundReminder.Kind.DEADLINE, DEADLINE)]
    assert "15 maart 2027" in mail.outbox[0].body  # in the policy's language


def test_reminders_go_weekly_while_overdue(published, round_, django_capture_on_commit_callbacks):
    piet = person(published)
    for day in range(0, 22):
        send(DEADLINE + datetime.timedelta(days=day), django_capture_on_commit_callbacks)
    assert kinds(piet) == [
        (RoundReminder.Kind.DEADLINE, DEADLINE),
        (RoundReminder.Kind.OVERDUE, DEADLINE + datetime.timedelta(days=7)),
        (RoundReminder.Kind.OVERDUE, DEADLINE + datetime.timedelta(days=14)),
        (RoundReminder.Kind.OVERDUE, DEADLINE + datetime.timedelta(days=21)),
    ]
    assert len(mail.outbox) == 4


def test_a_second_run_on_the_same_day_sends_nothing(
    published, round_, django_capture_on_commit_callbacks
):
    person(published)
    send(START, django_capture_on_commit_callbacks)
    assert send(START, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_the_command_sends_for_the_given_date(published, round_):
    piet = person(published)
    out = io.StringIO()
    call_command("send_round_reminders", "--date", DEADLINE.isoformat(), stdout=out)
    assert "1 round reminder(s) queued." in out.getvalue()
    assert kinds(piet) == [(RoundReminder.Kind.DEADLINE, DEADLINE)]


def test_reminders_stop_once_the_person_confirmed(
    published, round_, django_capture_on_commit_callbacks
):
    person(published)
    send(START, django_capture_on_commit_callbacks)
    acknowledge(published, name="Piet de Boer", email="piet@voorbeeldzorg.nl")
    mail.outbox.clear()
    assert send(DEADLINE, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_people_imported_later_get_their_own_deadline(published, round_):
    late = START + datetime.timedelta(days=10)
    person(published, joined=late)
    progress = selectors.round_progress(published, today=late)
    assert progress.people[0].window == rounds.Window(late, late + datetime.timedelta(days=14))


def test_someone_imported_later_is_not_overdue_on_the_rounds_deadline(published, round_):
    person(published, joined=START + datetime.timedelta(days=10))
    assert (
        selectors.round_progress(
            published, today=DEADLINE + datetime.timedelta(days=1)
        ).total.pending
        == 1
    )


def test_with_reconfirmation_an_old_confirmation_no_longer_counts(published):
    AcknowledgementRound.objects.create(
        policy=published, started_on=START, deadline=DEADLINE, reconfirm_months=12
    )
    person(published)
    record = acknowledge(published, name="Piet de Boer", email="piet@voorbeeldzorg.nl")
    type(record).objects.filter(pk=record.pk).update(created_at=at(START))
    next_year = datetime.date(2028, 3, 2)
    assert selectors.round_progress(published, today=next_year).total.pending == 1
    assert selectors.round_progress(published, today=DEADLINE).total.done == 1


def test_a_reconfirmation_renews_the_record(published, settings):
    AcknowledgementRound.objects.create(
        policy=published,
        started_on=timezone.localdate() - datetime.timedelta(days=400),
        deadline=timezone.localdate() - datetime.timedelta(days=386),
        reconfirm_months=12,
    )
    record = acknowledge(published, email="piet@voorbeeldzorg.nl")
    old = timezone.now() - datetime.timedelta(days=390)
    type(record).objects.filter(pk=record.pk).update(created_at=old)
    again = acknowledge(published, email="piet@voorbeeldzorg.nl")
    assert again.created_at > old


def test_the_deadline_can_be_changed_by_hr(editor_client, published):
    start = selectors.round_of(published).started_on
    deadline = start + datetime.timedelta(days=30)
    response = editor_client.post(
        reverse("round_settings", args=[published.pk]),
        {"deadline": deadline.isoformat(), "reconfirm_months": "12"},
    )
    assert response.status_code == 302
    saved = AcknowledgementRound.objects.get(policy=published)
    assert (saved.deadline, saved.reconfirm_months) == (deadline, 12)
    assert AuditEvent.objects.filter(policy=published, action=AuditEvent.Action.ROUND).exists()


def test_the_saved_deadline_shows_in_its_date_picker_in_dutch(editor_client, published, round_):
    # A picker given the Dutch "15-03-2027" shows an empty field: the deadline looks unset.
    page = editor_client.get(
        reverse("acknowledgement_register", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert 'type="date" name="deadline" value="2027-03-15"' in page


def test_a_deadline_before_the_start_is_refused(editor_client, published):
    start = selectors.round_of(published).started_on
    response = editor_client.post(
        reverse("round_settings", args=[published.pk]),
        {"deadline": start.isoformat(), "reconfirm_months": "0"},
    )
    assert response.status_code == 400
    assert not AcknowledgementRound.objects.exists()


def test_the_staff_list_may_carry_a_department(editor_client, published):
    text = "name;email;department\nPiet de Boer;piet@voorbeeldzorg.nl;Zorg\n"
    editor_client.post(
        reverse("staff_list_import", args=[published.pk]),
        {"file": SimpleUploadedFile("staff.csv", text.encode(), content_type="text/csv")},
    )
    assert StaffMember.objects.get().department == "Zorg"


def test_the_register_counts_done_pending_and_overdue_per_department(published, round_):
    person(published, email="a@voorbeeldzorg.nl", department="Zorg")
    person(published, email="b@voorbeeldzorg.nl", department="Zorg")
    person(published, email="c@voorbeeldzorg.nl", department="Kantoor")
    acknowledge(published, email="a@voorbeeldzorg.nl")
    progress = selectors.round_progress(published, today=DEADLINE + datetime.timedelta(days=1))
    counts = {t.department: (t.done, t.pending, t.overdue) for t in progress.departments}
    assert counts == {"Kantoor": (0, 0, 1), "Zorg": (1, 0, 1)}
    assert (progress.total.done, progress.total.overdue) == (1, 2)


def test_the_register_page_shows_departments_and_the_deadline(editor_client, published, round_):
    person(published, department="Zorg")
    page = editor_client.get(
        reverse("acknowledgement_register", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Zorg" in page
    assert "Overdue" in page
    assert "Download Excel" in page


def test_the_csv_has_department_and_status_neutralised(editor_client, published, round_):
    person(published, name="=2+5", department="@SUM(A1)")
    response = editor_client.get(
        reverse("acknowledgement_register_csv", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][2] == "'=2+5"
    assert rows[1][8] == "'@SUM(A1)"
    assert rows[1][9] in {"pending", "overdue"}


def test_the_excel_workbook_has_no_formula_cells(editor_client, published, round_):
    person(published, name="=2+5", department="Zorg")
    response = editor_client.get(reverse("acknowledgement_register_xlsx", args=[published.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet.cell(row=2, column=3).value == "'=2+5"


def test_a_persons_records_include_their_reminders(
    published, round_, django_capture_on_commit_callbacks
):
    piet = person(published)
    send(START, django_capture_on_commit_callbacks)
    records = selectors.person_records(published.organisation_id, piet.email)
    assert {"record": "round reminder", "subject": "start"}.items() <= next(
        r for r in records if r["record"] == "round reminder"
    ).items()


def test_erasing_a_person_erases_their_reminders(
    published, round_, editor, django_capture_on_commit_callbacks
):
    piet = person(published)
    send(START, django_capture_on_commit_callbacks)
    services.person_erase(policy=published, user=editor, email=piet.email)
    assert not RoundReminder.objects.exists()


def test_the_register_says_who_is_overdue_since_when(editor_client, published):
    AcknowledgementRound.objects.create(
        policy=published,
        started_on=timezone.localdate() - datetime.timedelta(days=20),
        deadline=timezone.localdate() - datetime.timedelta(days=6),
    )
    person(published, joined=timezone.localdate() - datetime.timedelta(days=20))
    page = editor_client.get(
        reverse("acknowledgement_register", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "overdue since" in page


def test_with_reconfirmation_reminders_start_again_in_the_next_period(
    published, django_capture_on_commit_callbacks
):
    AcknowledgementRound.objects.create(
        policy=published, started_on=START, deadline=DEADLINE, reconfirm_months=6
    )
    piet = person(published)
    record = acknowledge(published, name="Piet de Boer", email="piet@voorbeeldzorg.nl")
    type(record).objects.filter(pk=record.pk).update(created_at=at(START))
    send(datetime.date(2027, 9, 1), django_capture_on_commit_callbacks)
    assert kinds(piet) == [(RoundReminder.Kind.START, datetime.date(2027, 9, 1))]


def test_a_month_on_from_the_31st_is_the_last_day_of_the_next_month():
    assert rounds.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)


@pytest.mark.parametrize("people", [3, 30])
def test_a_rerun_on_the_same_day_costs_the_same_queries_for_any_staff_size(
    published, round_, people, django_capture_on_commit_callbacks, django_assert_num_queries
):
    for number in range(people):
        person(published, email=f"p{number}@voorbeeldzorg.nl")
    send(START, django_capture_on_commit_callbacks)
    # published policies; then per policy: what was sent, its round, the lineage's
    # publications, the confirmations, the staff list
    with django_assert_num_queries(6):
        services.round_reminders_send(today=START)
