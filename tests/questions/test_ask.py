"""Asking the consultant from a step: an open question, a mail, an audit event."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.factories import MembershipFactory
from tests.questions.conftest import QUESTION, ask_url, logged_in
from wizard.models import AuditEvent, ConsultantQuestion, Membership
from wizard.questions import services
from wizard.questions.models import QUESTION_MAX_LENGTH


def test_the_ask_page_names_the_consultant_and_the_step(policy, editor, consultant):
    response = logged_in(editor).get(ask_url(policy))
    html = response.content.decode()
    assert response.status_code == 200
    assert consultant.username in html
    assert "Vertrouwelijke informatie" in html
    assert '<label for="id_text">' in html


def test_asking_creates_an_open_question_about_the_step(
    policy, editor, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(editor).post(ask_url(policy), {"text": QUESTION})
    assert response.status_code == 302
    question = ConsultantQuestion.objects.get()
    assert (question.policy, question.step, question.text, question.asked_by) == (
        policy,
        "confidential",
        QUESTION,
        editor,
    )
    assert question.is_open


def test_asking_goes_back_to_the_step(policy, editor, consultant):
    response = logged_in(editor).post(ask_url(policy), {"text": QUESTION})
    assert response["Location"] == f"/policies/{policy.pk}/steps/confidential/"


def test_asking_mails_the_consultant_through_the_task_queue(
    policy, editor, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(editor).post(ask_url(policy), {"text": QUESTION})
    question = ConsultantQuestion.objects.get()
    assert [m.to for m in mailoutbox] == [[consultant.email]]
    assert QUESTION in mailoutbox[0].body
    assert f"/questions/{question.pk}/answer/" in mailoutbox[0].body


def test_asking_queues_the_mail_instead_of_sending_it(
    policy, editor, consultant, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "wizard.questions.notifications.queue_email",
        lambda **message: queued.append(message) or 1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.question_ask(policy=policy, user=editor, step="confidential", text=QUESTION)
    assert [m["recipients"] for m in queued] == [[consultant.email]]


def test_asking_is_audited(policy, editor, consultant):
    services.question_ask(policy=policy, user=editor, step="confidential", text=QUESTION)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ASK_CONSULTANT)
    assert (event.policy, event.actor, event.detail) == (policy, editor, "confidential")


def test_an_empty_question_is_a_form_error_and_saves_nothing(
    policy, editor, consultant, mailoutbox
):
    response = logged_in(editor).post(ask_url(policy), {"text": "   "})
    assert response.status_code == 200
    assert "Schrijf je vraag." in response.content.decode()
    assert not ConsultantQuestion.objects.exists()
    assert mailoutbox == []


def test_a_too_long_question_is_a_form_error_and_saves_nothing(policy, editor, consultant):
    response = logged_in(editor).post(ask_url(policy), {"text": "x" * (QUESTION_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert 'id="id_text_error"' in response.content.decode()
    assert not ConsultantQuestion.objects.exists()


def test_the_service_refuses_a_too_long_question(policy, editor, consultant):
    with pytest.raises(services.ValidationError):
        services.question_ask(
            policy=policy, user=editor, step="confidential", text="x" * (QUESTION_MAX_LENGTH + 1)
        )
    assert not ConsultantQuestion.objects.exists()


def test_another_organisations_policy_is_a_404(policy, consultant, outsider):
    assert logged_in(outsider).post(ask_url(policy), {"text": QUESTION}).status_code == 404
    assert not ConsultantQuestion.objects.exists()


def test_an_unknown_step_is_a_404(policy, editor, consultant):
    assert logged_in(editor).get(ask_url(policy, step="nope")).status_code == 404


def test_without_a_consultant_there_is_no_one_to_ask(policy, editor):
    assert logged_in(editor).post(ask_url(policy), {"text": QUESTION}).status_code == 404
    assert not ConsultantQuestion.objects.exists()


def test_the_consultant_cannot_ask_themselves(policy, consultant):
    assert logged_in(consultant).post(ask_url(policy), {"text": QUESTION}).status_code == 403


def test_a_reviewer_cannot_ask(policy, consultant, organisation):
    reviewer = MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER).user
    with pytest.raises(PermissionDenied):
        services.question_ask(policy=policy, user=reviewer, step="confidential", text=QUESTION)


def test_asking_needs_the_csrf_token(policy, editor, consultant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(ask_url(policy), {"text": QUESTION}).status_code == 403
    assert not ConsultantQuestion.objects.exists()


def test_the_ask_page_lists_earlier_questions_escaped(policy, editor, consultant):
    services.question_ask(
        policy=policy, user=editor, step="confidential", text="<script>alert(1)</script>"
    )
    html = logged_in(editor).get(ask_url(policy)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_questions_are_rate_limited_per_user(policy, editor, consultant, settings):
    # A day's window: three requests in a row never straddle its boundary.
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "question": "2/d"}
    client = logged_in(editor)
    statuses = [client.post(ask_url(policy), {"text": QUESTION}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert ConsultantQuestion.objects.count() == 2
