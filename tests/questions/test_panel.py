"""The step's panel "Your consultant": shown to an editor whose organisation has one."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.questions.conftest import ask_url, logged_in
from wizard.models import Membership


def step_page(client: Client, policy) -> str:
    response = client.get(reverse("wizard_step", kwargs={"pk": policy.pk, "step": "confidential"}))
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_sees_the_consultant_and_the_link_to_ask(policy, editor, consultant):
    html = step_page(logged_in(editor), policy)
    assert f"{consultant.username}</h2>" in html
    assert ask_url(policy) in html


def test_the_panel_is_not_shown_without_a_consultant(policy, editor):
    html = step_page(logged_in(editor), policy)
    assert "consultant-panel" not in html
    assert ask_url(policy) not in html


def test_the_panel_is_not_shown_to_the_consultant(policy, consultant):
    html = step_page(logged_in(consultant), policy)
    assert "consultant-panel" not in html


def test_a_deactivated_consultant_is_not_offered(policy, editor, organisation):
    gone = UserFactory(is_active=False)
    MembershipFactory(user=gone, organisation=organisation, role=Membership.Role.CONSULTANT)
    assert "consultant-panel" not in step_page(logged_in(editor), policy)


def test_the_consultants_name_is_escaped(policy, editor, organisation):
    odd = UserFactory(username="<b>adviseur</b>")
    MembershipFactory(user=odd, organisation=organisation, role=Membership.Role.CONSULTANT)
    html = step_page(logged_in(editor), policy)
    assert "<b>adviseur</b>" not in html
    assert "&lt;b&gt;adviseur&lt;/b&gt;" in html
