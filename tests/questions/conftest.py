from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory
from wizard.models import Membership
from wizard.questions import services

QUESTION = "Mag een begeleider een foto van een uitje delen als de cliënt toestemming geeft?"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ask_url(policy, step: str = "confidential") -> str:
    return reverse("question_ask", kwargs={"pk": policy.pk, "step": step})


def answer_url(question) -> str:
    return reverse("question_answer", kwargs={"pk": question.pk})


@pytest.fixture
def question(policy, editor, consultant, django_capture_on_commit_callbacks):
    """An open question of the editor to the organisation's consultant, about one step."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.question_ask(policy=policy, user=editor, step="confidential", text=QUESTION)


@pytest.fixture
def other_consultant(db):
    """The consultant of another organisation, with a policy of its own."""
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Bakkerij De Korenschoof"),
        role=Membership.Role.CONSULTANT,
    )
    PolicyFactory(organisation=membership.organisation)
    return membership.user
