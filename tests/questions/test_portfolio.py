"""The consultant's portfolio lists the open questions of their own clients only."""

from __future__ import annotations

from django.urls import reverse

from tests.questions.conftest import QUESTION, answer_url, logged_in
from wizard.questions import selectors, services


def portfolio_html(user) -> str:
    response = logged_in(user).get(reverse("portfolio"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_consultant_sees_the_open_question_in_the_portfolio(question, consultant, editor):
    html = portfolio_html(consultant)
    assert "Open vragen" in html
    assert QUESTION in html
    assert answer_url(question) in html
    assert f"/policies/{question.policy_id}/steps/confidential/" in html
    assert editor.username in html


def test_the_open_question_names_its_client_policy_and_step(question, consultant):
    (row,), more = selectors.open_questions(fetched_by=consultant)
    assert (row.organisation.name, row.policy.title, row.step_title) == (
        "Voorbeeld Zorg B.V.",
        "Social-mediabeleid",
        "Vertrouwelijke informatie",
    )
    assert not more


def test_another_consultant_does_not_see_the_question(question, other_consultant):
    assert selectors.open_questions(fetched_by=other_consultant) == ([], False)
    assert QUESTION not in portfolio_html(other_consultant)


def test_an_answered_question_leaves_the_portfolio(question, consultant):
    services.question_answer(question=question, user=consultant, text="Ja.")
    assert selectors.open_questions(fetched_by=consultant) == ([], False)


def test_the_question_is_escaped_in_the_portfolio(policy, editor, consultant):
    services.question_ask(
        policy=policy, user=editor, step="conduct", text="<img src=x onerror=alert(1)>"
    )
    html = portfolio_html(consultant)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_question_about_an_approved_policy_links_to_its_review_page(question, consultant):
    question.policy.status = "approved"
    question.policy.save(update_fields=["status"])
    (row,), _more = selectors.open_questions(fetched_by=consultant)
    assert row.step_page == reverse("policy_review", kwargs={"pk": question.policy_id})
