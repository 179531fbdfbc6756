"""The review workflow through its pages (wizard/review_views.py and the review templates)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommentFactory, MembershipFactory, PolicyFactory
from wizard import review_views
from wizard.document import default_content
from wizard.models import AuditEvent, Comment, Membership, Policy
from wizard.services import content_hash, policy_save_step

Status = Policy.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def in_status(policy: Policy, status: str) -> Policy:
    Policy.objects.filter(pk=policy.pk).update(status=status)
    policy.refresh_from_db()
    return policy


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def url(name: str, policy: Policy) -> str:
    return reverse(name, kwargs={"pk": policy.pk})


# --- Transitions ----------------------------------------------------------------------------


def test_submitting_leads_back_to_the_review_page(editor_client, policy):
    response = editor_client.post(url("policy_submit", policy))
    assert response["Location"] == url("policy_review", policy)
    assert Policy.objects.get(pk=policy.pk).status == Status.IN_REVIEW


def test_a_forbidden_transition_is_a_403_with_the_reason(reviewer_client, policy):
    response = reviewer_client.post(url("policy_submit", policy), **EN)
    assert response.status_code == 403
    assert "Only editors and consultants of this organisation can submit it." in (
        response.content.decode()
    )


def test_a_transition_from_the_wrong_status_is_a_403(editor_client, policy):
    in_status(policy, Status.APPROVED)
    response = editor_client.post(url("policy_submit", policy))
    assert response.status_code == 403
    assert Policy.objects.get(pk=policy.pk).status == Status.APPROVED


def test_transitions_only_take_post(editor_client, policy):
    assert editor_client.get(url("policy_submit", policy)).status_code == 405


def test_the_reviewer_approves_with_a_note(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    reviewer_client.post(url("policy_approve", policy), {"note": "Mooi."})
    assert Policy.objects.get(pk=policy.pk).status == Status.APPROVED
    assert AuditEvent.objects.get(policy=policy, action="approve").detail == "Mooi."


def test_the_reviewer_requests_changes(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    reviewer_client.post(url("policy_request_changes", policy), {"note": "Korter."})
    assert Policy.objects.get(pk=policy.pk).status == Status.CHANGES_REQUESTED
    assert Comment.objects.get(policy=policy).text == "Korter."


def test_a_too_long_note_changes_nothing(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    reviewer_client.post(url("policy_approve", policy), {"note": "x" * 2001})
    assert Policy.objects.get(pk=policy.pk).status == Status.IN_REVIEW


def test_the_editor_publishes_and_archives(editor_client, policy):
    in_status(policy, Status.APPROVED)
    editor_client.post(url("policy_publish", policy))
    assert Policy.objects.get(pk=policy.pk).status == Status.PUBLISHED
    editor_client.post(url("policy_archive", policy))
    assert Policy.objects.get(pk=policy.pk).status == Status.ARCHIVED


def test_edit_as_new_version_opens_the_new_draft_in_the_wizard(editor_client, policy):
    in_status(policy, Status.APPROVED)
    response = editor_client.post(url("policy_new_version", policy))
    draft = Policy.objects.get(based_on=policy)
    assert response["Location"].startswith(f"/policies/{draft.pk}/steps/")


# --- The wizard and the status --------------------------------------------------------------


def test_opening_a_step_of_an_approved_policy_goes_to_a_new_draft(editor_client, policy):
    in_status(policy, Status.APPROVED)
    response = editor_client.get(reverse("wizard_step", args=[policy.pk, "conduct"]))
    draft = Policy.objects.get(based_on=policy)
    assert response["Location"] == reverse("wizard_step", args=[draft.pk, "conduct"])
    assert Policy.objects.get(pk=policy.pk).status == Status.APPROVED


def test_opening_a_step_of_a_policy_in_review_goes_to_its_review_page(editor_client, policy):
    in_status(policy, Status.IN_REVIEW)
    response = editor_client.get(reverse("wizard_step", args=[policy.pk, "conduct"]))
    assert response["Location"] == url("policy_review", policy)
    assert not Policy.objects.filter(based_on=policy).exists()


def test_saving_details_of_a_policy_in_review_is_refused(editor_client, policy):
    in_status(policy, Status.IN_REVIEW)
    response = editor_client.post(
        url("policy_review", policy),
        {"title": "Anders", "language": "nl", "version_label": "1.0"},
    )
    assert response.status_code == 403
    assert Policy.objects.get(pk=policy.pk).title != "Anders"


# --- Comments -------------------------------------------------------------------------------


def test_a_reviewer_comments_on_a_block_from_the_review_page(reviewer_client, policy):
    response = reviewer_client.post(
        url("comment_add", policy),
        {
            "block_key": "conduct",
            "text": "Noem de gedragscode.",
            "next": url("policy_review", policy),
        },
    )
    assert response["Location"] == url("policy_review", policy)
    assert Comment.objects.get(policy=policy).block_key == "conduct"


def test_a_comment_never_redirects_off_site(reviewer_client, policy):
    response = reviewer_client.post(
        url("comment_add", policy),
        {"block_key": "conduct", "text": "Hm.", "next": "https://evil.example/"},
    )
    assert response["Location"] == url("policy_review", policy)


def test_an_empty_comment_is_not_saved(reviewer_client, policy):
    reviewer_client.post(url("comment_add", policy), {"block_key": "conduct", "text": " "})
    assert not Comment.objects.exists()


def test_an_editor_cannot_comment(editor_client, policy):
    response = editor_client.post(url("comment_add", policy), {"block_key": "", "text": "Hm."})
    assert response.status_code == 403


def test_the_author_sees_the_comment_on_its_step(editor_client, policy, reviewer):
    CommentFactory(policy=policy, block_key="conduct", author=reviewer, text="Noem de code.")
    CommentFactory(policy=policy, block_key="audience", author=reviewer, text="Andere stap.")
    response = editor_client.get(reverse("wizard_step", args=[policy.pk, "conduct"]))
    page = response.content.decode()
    assert "Noem de code." in page
    assert "Andere stap." not in page


def test_the_author_resolves_a_comment_from_its_step(editor_client, policy, reviewer):
    comment = CommentFactory(policy=policy, author=reviewer)
    step = reverse("wizard_step", args=[policy.pk, "conduct"])
    response = editor_client.post(
        url("comment_resolve", policy), {"comment": comment.pk, "next": step}
    )
    comment.refresh_from_db()
    assert response["Location"] == step
    assert comment.is_resolved


def test_a_comment_of_another_policy_cannot_be_resolved_through_this_one(editor_client, policy):
    other = CommentFactory(policy=PolicyFactory(organisation=policy.organisation))
    response = editor_client.post(url("comment_resolve", policy), {"comment": other.pk})
    assert response.status_code == 404


def test_a_comment_is_shown_as_text_never_as_markup(editor_client, policy, reviewer):
    CommentFactory(policy=policy, author=reviewer, text="<script>alert(1)</script>")
    response = editor_client.get(reverse("wizard_step", args=[policy.pk, "conduct"]))
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- The review page ------------------------------------------------------------------------


def test_the_review_page_offers_the_editor_submit(editor_client, policy):
    page = editor_client.get(url("policy_review", policy), **EN).content.decode()
    assert f'action="{url("policy_submit", policy)}"' in page


def test_the_review_page_offers_the_reviewer_a_decision_and_a_comment_form(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    page = reviewer_client.get(url("policy_review", policy), **EN).content.decode()
    assert f'formaction="{url("policy_approve", policy)}"' in page
    assert f'formaction="{url("policy_request_changes", policy)}"' in page
    assert f'action="{url("comment_add", policy)}"' in page
    assert f'action="{url("policy_submit", policy)}"' not in page


def test_the_review_page_hides_submit_while_a_step_is_incomplete(editor_client, policy):
    content = default_content()
    content["conduct"] = {**content["conduct"], "clauses": [], "own_text": ""}
    Policy.objects.filter(pk=policy.pk).update(content=content)
    page = editor_client.get(url("policy_review", policy), **EN).content.decode()
    assert f'action="{url("policy_submit", policy)}"' not in page


# --- Review queue ---------------------------------------------------------------------------


def test_the_queue_lists_policies_waiting_in_the_organisations_you_review(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    PolicyFactory(organisation=policy.organisation, title="Nog een concept")
    response = reviewer_client.get(reverse("review_queue"))
    assert list(response.context["page"].object_list) == [policy]


def test_the_queue_leaves_out_organisations_you_do_not_review(client, policy, reviewer):
    in_status(policy, Status.IN_REVIEW)
    elsewhere = MembershipFactory(user=reviewer, role=Membership.Role.EDITOR).organisation
    PolicyFactory(organisation=elsewhere, status=Status.IN_REVIEW)
    PolicyFactory(status=Status.IN_REVIEW)
    client.force_login(reviewer)
    response = client.get(reverse("review_queue"))
    assert list(response.context["page"].object_list) == [policy]


def test_the_queue_lists_periodic_reviews_that_are_due(reviewer_client, policy):
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.PUBLISHED, next_review_date=datetime.date(2000, 1, 1)
    )
    PolicyFactory(status=Status.PUBLISHED, next_review_date=datetime.date(2000, 1, 1))
    response = reviewer_client.get(reverse("review_queue"))
    assert response.context["due"] == [policy]


def test_the_queue_pages_oldest_first(reviewer_client, organisation, monkeypatch):
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    start = timezone.now() - datetime.timedelta(days=10)
    waiting = [
        PolicyFactory(
            organisation=organisation,
            status=Status.IN_REVIEW,
            submitted_at=start + datetime.timedelta(days=n),
        )
        for n in (3, 1, 4, 0, 2)
    ]
    oldest_first = sorted(waiting, key=lambda policy: policy.submitted_at)
    pages = [
        reviewer_client.get(reverse("review_queue"), {"page": number}, **EN) for number in (1, 2, 3)
    ]
    assert [list(r.context["page"].object_list) for r in pages] == [
        oldest_first[0:2],
        oldest_first[2:4],
        oldest_first[4:],
    ]
    assert "5 policies waiting" in pages[2].content.decode()


def test_the_queue_is_for_reviewers(editor_client):
    assert editor_client.get(reverse("review_queue")).status_code == 403


# --- History and audit trail ----------------------------------------------------------------


@pytest.fixture
def edited_policy(policy, editor):
    for text in ("Eerste versie.", "Tweede versie."):
        policy.refresh_from_db()
        policy_save_step(
            policy_id=policy.pk,
            user=editor,
            step="conduct",
            data={**policy.content["conduct"], "own_text": text},
            base_hash=content_hash(policy.content["conduct"]),
        )
    policy.refresh_from_db()
    return policy


def test_the_history_lists_the_revisions(reviewer_client, edited_policy):
    response = reviewer_client.get(url("policy_history", edited_policy))
    assert [r["number"] for r in response.context["rows"]] == [2, 1]


def test_the_comparison_marks_the_changed_words(reviewer_client, edited_policy):
    response = reviewer_client.get(url("policy_compare", edited_policy), {"older": 1, "newer": 2})
    page = response.content.decode()
    assert "<del>Eerste </del>" in page
    assert "<ins>Tweede </ins>" in page


def test_comparing_a_revision_that_does_not_exist_is_404(reviewer_client, edited_policy):
    response = reviewer_client.get(url("policy_compare", edited_policy), {"older": 1, "newer": 9})
    assert response.status_code == 404


def test_the_editor_restores_an_older_revision(editor_client, edited_policy):
    response = editor_client.post(url("revision_restore", edited_policy), {"revision": 1})
    edited_policy.refresh_from_db()
    assert response["Location"] == url("policy_history", edited_policy)
    assert edited_policy.content["conduct"]["own_text"] == "Eerste versie."
    assert edited_policy.revisions.count() == 3


def test_restoring_a_revision_that_does_not_exist_is_404(editor_client, edited_policy):
    response = editor_client.post(url("revision_restore", edited_policy), {"revision": 99})
    assert response.status_code == 404


def test_the_audit_trail_is_shown_to_reviewers(reviewer_client, edited_policy, editor):
    response = reviewer_client.get(url("policy_audit", edited_policy), **EN)
    assert response.status_code == 200
    assert "Saved a step" in response.content.decode()


def test_the_audit_trail_is_not_for_editors(editor_client, edited_policy):
    assert editor_client.get(url("policy_audit", edited_policy)).status_code == 403
