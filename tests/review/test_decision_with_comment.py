"""A reviewer's comment goes along with "Request changes" or "Approve": one form on the review
page, and the decision saves what was typed in the comment box (wizard/review/workflow.py)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wizard.models import Comment, Policy
from wizard.review import workflow

Status = Policy.Status


@pytest.fixture
def in_review(policy):
    Policy.objects.filter(pk=policy.pk).update(status=Status.IN_REVIEW)
    policy.refresh_from_db()
    return policy


def url(name: str, policy: Policy) -> str:
    return reverse(name, kwargs={"pk": policy.pk})


def test_requesting_changes_saves_the_comment_typed_beside_it(reviewer_client, in_review):
    reviewer_client.post(
        url("policy_request_changes", in_review),
        {"block_key": "conduct", "text": "Maak dit korter.", "note": ""},
    )
    assert Policy.objects.get(pk=in_review.pk).status == Status.CHANGES_REQUESTED
    comment = Comment.objects.get(policy=in_review)
    assert (comment.block_key, comment.text) == ("conduct", "Maak dit korter.")


def test_approving_saves_the_comment_typed_beside_it(reviewer_client, in_review):
    reviewer_client.post(
        url("policy_approve", in_review), {"block_key": "", "text": "Mooi zo.", "note": ""}
    )
    assert Policy.objects.get(pk=in_review.pk).status == Status.APPROVED
    assert Comment.objects.get(policy=in_review).text == "Mooi zo."


def test_a_decision_with_an_empty_comment_box_saves_no_comment(reviewer_client, in_review):
    reviewer_client.post(
        url("policy_approve", in_review), {"block_key": "conduct", "text": "  ", "note": ""}
    )
    assert Policy.objects.get(pk=in_review.pk).status == Status.APPROVED
    assert not Comment.objects.exists()


def test_a_refused_decision_saves_no_comment_either(in_review, reviewer):
    Policy.objects.filter(pk=in_review.pk).update(status=Status.APPROVED)
    in_review.refresh_from_db()
    with pytest.raises(PermissionDenied):
        workflow.decision_make(
            policy=in_review, user=reviewer, name="approve", comment_text="Toch nog iets."
        )
    assert not Comment.objects.exists()


def test_the_decision_says_the_comment_is_saved(reviewer_client, in_review):
    response = reviewer_client.post(
        url("policy_approve", in_review),
        {"block_key": "", "text": "Mooi zo.", "note": ""},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "The policy is approved." in page
    assert "Your comment is saved." in page


class FormsOnPage(HTMLParser):
    """For each form: the names of its fields and the formactions of its buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"fields": set(), "formactions": set()})
        elif self.forms and tag in ("input", "textarea", "select") and attrs.get("name"):
            self.forms[-1]["fields"].add(attrs["name"])
        elif self.forms and tag == "button" and attrs.get("formaction"):
            self.forms[-1]["formactions"].add(attrs["formaction"])


def test_the_comment_box_and_the_decision_buttons_are_one_form(reviewer_client, in_review):
    parser = FormsOnPage()
    parser.feed(reviewer_client.get(url("policy_review", in_review)).content.decode())
    [form] = [f for f in parser.forms if f["formactions"]]
    assert {"block_key", "text", "note"} <= form["fields"]
    assert form["formactions"] == {
        url("policy_request_changes", in_review),
        url("policy_approve", in_review),
    }
