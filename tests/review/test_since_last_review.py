"""A reviewer's second round opens on what changed since their last decision, per building
block (wizard/review/history.py, the review page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory
from wizard.models import Membership, Policy
from wizard.policies.services import policy_create
from wizard.policies.services import policy_new_version as new_version
from wizard.review import history, workflow

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def submitted(organisation, editor, save_conduct):
    policy = policy_create(organisation=organisation, user=editor)
    save_conduct(policy, editor, "Wees aardig tegen elkaar.")
    workflow.policy_submit(policy=policy, user=editor)
    return policy


@pytest.fixture
def second_round(submitted, editor, reviewer, save_conduct):
    """Changes requested by `reviewer`, one block changed, and submitted again."""
    workflow.policy_request_changes(policy=submitted, user=reviewer, note="Vriendelijker.")
    save_conduct(submitted, editor, "Wees altijd aardig tegen iedereen.")
    workflow.policy_submit(policy=submitted, user=editor)
    submitted.refresh_from_db()
    return submitted


def test_there_is_nothing_to_compare_before_a_first_decision(submitted, reviewer):
    assert history.since_last_decision(policy=submitted, user=reviewer) is None


def test_a_second_round_shows_the_block_changed_since_the_decision(second_round, reviewer):
    since = history.since_last_decision(policy=second_round, user=reviewer)
    assert since.action == "request_changes"
    assert [block.key for block in since.changed] == ["conduct"]
    assert "conduct" not in [block.key for block in since.unchanged]


def test_the_changed_words_are_marked_in_one_text(second_round, reviewer):
    since = history.since_last_decision(policy=second_round, user=reviewer)
    [conduct] = since.changed
    marked = [(token.change, token.text.strip()) for token in conduct.inline if token.change]
    assert marked == [("ins", "altijd"), ("del", "elkaar."), ("ins", "iedereen.")]


def test_the_text_in_one_reads_as_the_newer_text_without_the_removed_words(second_round, reviewer):
    [conduct] = history.since_last_decision(policy=second_round, user=reviewer).changed
    now = "".join(token.text for token in conduct.inline if token.change != "del")
    assert now == "".join(token.text for token in conduct.newer)


def test_another_reviewers_decision_is_not_yours(second_round, organisation):
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER).user
    assert history.since_last_decision(policy=second_round, user=colleague) is None


def test_a_new_version_compares_with_what_you_approved(submitted, editor, reviewer, save_conduct):
    workflow.policy_approve(policy=submitted, user=reviewer)
    draft = new_version(policy=submitted, user=editor)
    save_conduct(draft, editor, "Wees aardig, ook online.")
    since = history.since_last_decision(policy=draft, user=reviewer)
    assert since.action == "approve"
    assert [block.key for block in since.changed] == ["conduct"]


def test_the_review_page_opens_a_second_round_on_what_changed(client, second_round, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("policy_review", args=[second_round.pk]), **EN).content.decode()
    assert "What changed since your last review" in page
    assert "<ins>altijd </ins>" in page
    assert page.index("What changed since your last review") < page.index("Status and review")


def test_a_first_round_has_no_changes_section(client, submitted, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("policy_review", args=[submitted.pk]), **EN).content.decode()
    assert "What changed since your last review" not in page


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Review: Policy X"), ("nl", "Beoordelen: Policy X")]
)
def test_the_review_page_is_titled_for_a_reviewer(client, submitted, reviewer, language, title):
    Policy.objects.filter(pk=submitted.pk).update(title="Policy X")
    client.force_login(reviewer)
    page = client.get(
        reverse("policy_review", args=[submitted.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f"<title>{title} · Policy Builder</title>" in page


def test_the_review_page_has_no_step_list_for_a_reviewer(client, submitted, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("policy_review", args=[submitted.pk]), **EN).content.decode()
    assert 'class="steps' not in page
    assert "wizard-layout--reviewer" in page


def test_the_review_page_keeps_the_step_list_for_an_author(editor_client, submitted):
    page = editor_client.get(reverse("policy_review", args=[submitted.pk]), **EN)
    assert 'class="steps' in page.content.decode()


def test_a_paragraph_added_after_the_last_word_leaves_that_word_unchanged():
    older, newer = history.word_diff(
        "Alleen dan ontslag zijn.", "Alleen dan ontslag zijn.\n\nKort."
    )
    assert [t.text for t in older if t.change] == []
    assert [t.text for t in newer if t.change] == ["Kort."]
