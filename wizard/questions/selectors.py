"""What the pages read of the questions: a consultant's open ones, one step's, one question."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.models import Policy
from wizard.policies.steps import step_url
from wizard.questions.models import ConsultantQuestion
from wizard.text import interface_language, text_in

# The portfolio lists this many open questions, oldest first; it says when there are more.
OPEN_QUESTIONS_SHOWN = 50


def step_title(step: str) -> str:
    return text_in(BLOCKS_BY_KEY[step].title, interface_language())


def step_page(policy: Policy, step: str) -> str:
    """Where the step's comments are read: the step itself while the policy can change (a
    step of an approved policy would start a new version), else the review page."""
    if policy.is_content_editable:
        return step_url(policy, step)
    return reverse("policy_review", kwargs={"pk": policy.pk})


def with_step(question: ConsultantQuestion) -> ConsultantQuestion:
    """The question with the title of its step and the page where that step is read."""
    question.step_title = step_title(question.step)
    question.step_page = step_page(question.policy, question.step)
    return question


def open_questions(*, fetched_by) -> tuple[list[ConsultantQuestion], bool]:
    """The open questions of the organisations `fetched_by` is the consultant of, oldest first
    (at most OPEN_QUESTIONS_SHOWN), and whether there are more."""
    rows = list(
        ConsultantQuestion.objects.for_consultant(fetched_by)
        .open()
        .select_related("organisation", "policy", "asked_by")
        .only(
            "step",
            "text",
            "asked_at",
            "answered_at",
            "organisation__name",
            "policy__title",
            "policy__status",
            "asked_by__username",
        )
        .order_by("asked_at", "pk")[: OPEN_QUESTIONS_SHOWN + 1]
    )
    return [with_step(q) for q in rows[:OPEN_QUESTIONS_SHOWN]], len(rows) > OPEN_QUESTIONS_SHOWN


def consultant_question(*, fetched_by, pk: int) -> QuerySet[ConsultantQuestion]:
    """The question `pk` if `fetched_by` is its organisation's consultant (else empty)."""
    return (
        ConsultantQuestion.objects.for_consultant(fetched_by)
        .filter(pk=pk)
        .select_related("organisation", "policy", "asked_by", "answered_by", "answer")
    )


def step_questions(*, policy: Policy, step: str) -> list[ConsultantQuestion]:
    """The questions asked about one step of the policy, oldest first."""
    return list(
        ConsultantQuestion.objects.filter(policy=policy, step=step).select_related(
            "asked_by", "answered_by"
        )
    )
