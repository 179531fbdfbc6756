"""The consultant answers from the portfolio: a comment on the step, the question closed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.questions.conftest import QUESTION, answer_url, logged_in
from wizard.models import AuditEvent, Comment, ConsultantQuestion
from wizard.questions import services
from wizard.questions.services import ANSWER_MAX_LENGTH

ANSWER = "Ja, met schriftelijke toestemming. Leg die vast in het dossier."


def answered(client: Client, question, text: str = ANSWER):
    return client.post(answer_url(question), {"text": text})


def test_the_consultant_reads_the_question_on_the_answer_page(question, consultant):
    response = logged_in(consultant).get(answer_url(question))
    html = response.content.decode()
    assert response.status_code == 200
    assert QUESTION in html
    assert '<label for="id_text">' in html


def test_answering_makes_a_comment_on_the_questions_step(question, consultant, policy):
    answered(logged_in(consultant), question)
    comment = Comment.objects.get()
    assert (comment.policy, comment.block_key, comment.author) == (
        policy,
        "confidential",
        consultant,
    )
    assert comment.text.endswith(ANSWER)


def test_the_answers_comment_starts_with_the_question(question, consultant):
    comment = services.question_answer(question=question, user=consultant, text=ANSWER)
    assert comment.text.startswith(f"“{QUESTION}”")


def test_answering_closes_the_question(question, consultant):
    answered(logged_in(consultant), question)
    question.refresh_from_db()
    assert not question.is_open
    assert question.answer == Comment.objects.get()
    assert question.answered_by == consultant


def test_answering_goes_back_to_the_portfolio(question, consultant):
    assert answered(logged_in(consultant), question)["Location"] == reverse("portfolio")


def test_answering_is_audited(question, consultant, policy):
    services.question_answer(question=question, user=consultant, text=ANSWER)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANSWER_QUESTION)
    assert (event.policy, event.actor, event.detail) == (policy, consultant, "confidential")


def test_the_editor_who_asked_is_mailed(
    question, consultant, editor, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered(logged_in(consultant), question)
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert f"/policies/{question.policy_id}/steps/confidential/" in mailoutbox[0].body


def test_the_editor_sees_the_answer_as_a_comment_on_the_step(question, consultant, editor):
    answered(logged_in(consultant), question)
    url = reverse("wizard_step", kwargs={"pk": question.policy_id, "step": "confidential"})
    response = logged_in(editor).get(url)
    assert [c.text for c in response.context["open_comments"]] == [Comment.objects.get().text]
    assert ANSWER in response.content.decode()


def test_the_answer_is_shown_with_the_comments_on_the_review_page(question, consultant, editor):
    answered(logged_in(consultant), question)
    response = logged_in(editor).get(reverse("policy_review", kwargs={"pk": question.policy_id}))
    assert ANSWER in response.content.decode()


def test_an_empty_answer_is_a_form_error_and_changes_nothing(question, consultant):
    response = answered(logged_in(consultant), question, text=" ")
    assert response.status_code == 200
    assert "Schrijf je antwoord." in response.content.decode()
    question.refresh_from_db()
    assert question.is_open
    assert not Comment.objects.exists()


def test_a_too_long_answer_is_a_form_error_and_changes_nothing(question, consultant):
    response = answered(logged_in(consultant), question, text="x" * (ANSWER_MAX_LENGTH + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    question.refresh_from_db()
    assert question.is_open
    assert not Comment.objects.exists()


def test_a_question_is_answered_once(question, consultant):
    services.question_answer(question=question, user=consultant, text=ANSWER)
    with pytest.raises(ValidationError):
        services.question_answer(question=question, user=consultant, text="Nog iets.")
    assert Comment.objects.count() == 1


def test_posting_to_an_answered_question_adds_no_comment(question, consultant):
    client = logged_in(consultant)
    answered(client, question)
    response = answered(client, question, text="Nog iets.")
    assert response.status_code == 200
    assert Comment.objects.count() == 1


def test_another_consultant_gets_a_404(question, other_consultant):
    client = logged_in(other_consultant)
    assert client.get(answer_url(question)).status_code == 404
    assert answered(client, question).status_code == 404
    assert not Comment.objects.exists()


def test_the_editor_cannot_answer(question, editor):
    assert answered(logged_in(editor), question).status_code == 404
    with pytest.raises(PermissionDenied):
        services.question_answer(question=question, user=editor, text=ANSWER)


def test_answering_needs_the_csrf_token(question, consultant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(consultant)
    assert answered(client, question).status_code == 403
    assert ConsultantQuestion.objects.get().is_open
