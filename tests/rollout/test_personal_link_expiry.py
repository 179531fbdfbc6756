"""A personal link works until the person's deadline in the round plus a grace period, worked
out when it is opened: extending the deadline extends it, and people imported later have their
own deadline. An expired link says so, in the reader's language, and offers the open staff link."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wizard.rollout import rounds, services
from wizard.rollout.models import Acknowledgement, AcknowledgementRound, StaffMember

START = datetime.date(2027, 3, 1)
DEADLINE = datetime.date(2027, 3, 15)
GRACE = datetime.timedelta(days=30)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def round_(published):
    return AcknowledgementRound.objects.create(
        policy=published, started_on=START, deadline=DEADLINE
    )


@pytest.fixture
def today(monkeypatch):
    """`today(day)` makes `day` the date the app sees (dates of stored moments stay theirs)."""
    real = timezone.localdate

    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, tz=None: day if value is None else real(value, tz),
        )

    return set_today


def person(published, joined=START, email="piet@voorbeeldzorg.nl") -> StaffMember:
    return StaffMember.objects.create(
        organisation=published.organisation,
        name="Piet de Boer",
        email=email,
        created_at=at(joined),
    )


def personal_url(policy, member) -> str:
    return reverse(
        "personal_policy",
        kwargs={"token": policy.share_token, "key": services.personal_key(member)},
    )


def read(policy) -> dict:
    return {"version": policy.version_label, "fingerprint": services.policy_fingerprint(policy)}


def test_a_personal_link_works_on_the_last_day_of_the_grace_period(
    client, published, round_, today
):
    today(DEADLINE + GRACE)
    page = client.get(personal_url(published, person(published)), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "You confirm as Piet de Boer" in page.content.decode()


def test_a_personal_link_is_refused_the_day_after_the_grace_period(
    client, published, round_, today
):
    today(DEADLINE + GRACE + datetime.timedelta(days=1))
    response = client.get(personal_url(published, person(published)), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 410
    assert "Your personal link has expired." in page
    assert "Piet" not in page
    assert f'action="{reverse("published_acknowledge", args=[published.share_token])}' in page


def test_an_expired_personal_link_records_nothing(client, published, round_, today):
    today(DEADLINE + GRACE + datetime.timedelta(days=1))
    response = client.post(personal_url(published, person(published)), read(published))
    assert response.status_code == 410
    assert not Acknowledgement.objects.exists()


def test_an_expired_personal_link_says_so_in_dutch_to_a_dutch_reader(
    client, published, round_, today
):
    today(DEADLINE + GRACE + datetime.timedelta(days=1))
    page = client.get(personal_url(published, person(published)), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Je persoonlijke link is verlopen." in page.content.decode()


def test_extending_the_deadline_revives_a_personal_link(client, published, round_, editor, today):
    url = personal_url(published, person(published))
    later = DEADLINE + GRACE + datetime.timedelta(days=1)
    today(later)
    assert client.get(url).status_code == 410
    services.round_settings_save(policy=published, user=editor, deadline=later, reconfirm_months=0)
    assert client.get(url).status_code == 200


def test_a_person_imported_later_has_their_own_deadline(client, published, round_, today):
    joined = DEADLINE + datetime.timedelta(days=5)
    member = person(published, joined=joined)
    own_deadline = joined + (DEADLINE - START)
    today(own_deadline + GRACE)
    assert client.get(personal_url(published, member)).status_code == 200
    today(own_deadline + GRACE + datetime.timedelta(days=1))
    assert client.get(personal_url(published, member)).status_code == 410


def test_a_link_sent_after_the_deadline_works_for_the_grace_period_from_that_day(
    client, published, round_, today
):
    sent = DEADLINE + datetime.timedelta(days=20)
    member = person(published)
    StaffMember.objects.filter(pk=member.pk).update(last_sent_at=at(sent))
    today(sent + GRACE)
    assert client.get(personal_url(published, member)).status_code == 200


def test_a_forged_personal_link_is_still_404(client, published, round_, today):
    today(DEADLINE + GRACE + datetime.timedelta(days=1))
    url = reverse("personal_policy", kwargs={"token": published.share_token, "key": "forged"})
    assert client.get(url).status_code == 404


def test_the_grace_period_is_a_setting(published, round_, settings):
    settings.PERSONAL_LINK_GRACE_DAYS = 7
    window = rounds.Window(START, DEADLINE)
    assert rounds.link_valid_until(window) == DEADLINE + datetime.timedelta(days=7)


def test_the_personal_link_mail_gives_the_deadline_plus_the_grace_period(
    published, round_, editor, today, django_capture_on_commit_callbacks
):
    today(START)
    member = person(published)
    with django_capture_on_commit_callbacks(execute=True):
        services.personal_links_send(policy=published, user=editor, members=[member])
    assert "14 april 2027" in mail.outbox[0].body


def test_a_reminder_while_overdue_carries_a_link_that_works(
    client, published, round_, today, monkeypatch, django_capture_on_commit_callbacks
):
    member = person(published)
    overdue = DEADLINE + GRACE + datetime.timedelta(days=7)
    today(overdue)
    monkeypatch.setattr(timezone, "now", lambda: at(overdue))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.round_reminders_send(today=overdue) == 1
    assert client.get(personal_url(published, member)).status_code == 200
