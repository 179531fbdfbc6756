"""The review workflow through its pages (wizard/review_views.py and the review templates)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommentFactory, MembershipFactory, PolicyFactory
from wizard import history, review_views, workflow
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


def shown(rows) -> list[int]:
    """The primary keys of the policies in a queue table, in order."""
    return [row["pk"] for row in rows]


def test_the_queue_lists_policies_waiting_in_the_organisations_you_review(reviewer_client, policy):
    in_status(policy, Status.IN_REVIEW)
    PolicyFactory(organisation=policy.organisation, title="Nog een concept")
    response = reviewer_client.get(reverse("review_queue"))
    assert shown(response.context["waiting"]) == [policy.pk]


def test_the_queue_leaves_out_organisations_you_do_not_review(client, policy, reviewer):
    in_status(policy, Status.IN_REVIEW)
    elsewhere = MembershipFactory(user=reviewer, role=Membership.Role.EDITOR).organisation
    PolicyFactory(organisation=elsewhere, status=Status.IN_REVIEW)
    PolicyFactory(status=Status.IN_REVIEW)
    client.force_login(reviewer)
    response = client.get(reverse("review_queue"))
    assert shown(response.context["waiting"]) == [policy.pk]


def test_the_queue_lists_periodic_reviews_that_are_due(reviewer_client, policy):
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.PUBLISHED, next_review_date=datetime.date(2000, 1, 1)
    )
    PolicyFactory(status=Status.PUBLISHED, next_review_date=datetime.date(2000, 1, 1))
    response = reviewer_client.get(reverse("review_queue"))
    assert shown(response.context["due"]) == [policy.pk]


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
    oldest_first = [p.pk for p in sorted(waiting, key=lambda policy: policy.submitted_at)]
    pages = [
        reviewer_client.get(reverse("review_queue"), {"page": number}, **EN) for number in (1, 2, 3)
    ]
    assert [shown(r.context["waiting"]) for r in pages] == [
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


# --- Cached history, queue and audit trail --------------------------------------------------


class Markup(HTMLParser):
    """The forms (with their hidden fields) and buttons (with their text) of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: dict[str, dict] = {}
        self.buttons: list[dict] = []
        self._form: dict | None = None
        self._button: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {**attrs, "fields": {}}
            self.forms[attrs.get("id", "")] = self._form
        elif tag == "input" and self._form is not None and attrs.get("type") == "hidden":
            self._form["fields"][attrs["name"]] = attrs.get("value", "")
        elif tag == "button":
            self._button = {**attrs, "text": ""}
            self.buttons.append(self._button)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data


def restore_buttons(html: str) -> list[dict]:
    return [b for b in Markup(html).buttons if b.get("form") == "restore-form"]


def head_line(organisation_name: str) -> str:
    """The line above a page's title, which names the policy's organisation."""
    return f'<p class="muted">{organisation_name} · '


def save_own_text(policy: Policy, user, text: str) -> None:
    policy.refresh_from_db()
    policy_save_step(
        policy_id=policy.pk,
        user=user,
        step="conduct",
        data={**policy.content["conduct"], "own_text": text},
        base_hash=content_hash(policy.content["conduct"]),
    )


def test_a_cached_history_never_shows_stale_content(
    reviewer_client, edited_policy, editor, organisation
):
    """The history is reused by fingerprint; every change to what it shows makes a new one."""
    page = url("policy_history", edited_policy)
    html = reviewer_client.get(page, **EN).content.decode()  # renders and keeps the fragment
    assert "Revision 2" in html
    assert "Revision 3" not in html

    save_own_text(edited_policy, editor, "Derde versie.")
    html = reviewer_client.get(page, **EN).content.decode()
    assert "Revision 3" in html

    edited_policy.refresh_from_db()
    history.revision_restore(
        policy=edited_policy, revision=edited_policy.revisions.get(number=1), user=editor
    )
    html = reviewer_client.get(page, **EN).content.decode()
    assert "Revision 4" in html
    assert "restored revision 1" in html

    workflow.policy_submit(policy=Policy.objects.get(pk=edited_policy.pk), user=editor)
    html = reviewer_client.get(page, **EN).content.decode()
    assert "Submitted for review" in html
    assert '<span class="status status--in_review">In review</span>' in html

    in_status(edited_policy, Status.APPROVED)  # a status change without an event
    html = reviewer_client.get(page, **EN).content.decode()
    assert '<span class="status status--approved">Approved</span>' in html

    organisation.name = "Hernoemd Zorg B.V."
    organisation.save()
    html = reviewer_client.get(page, **EN).content.decode()
    assert head_line("Hernoemd Zorg B.V.") in html
    assert head_line("Voorbeeld Zorg B.V.") not in html

    old_name = editor.username
    editor.username = "hernoemde-redacteur"
    editor.save()
    html = reviewer_client.get(page, **EN).content.decode()
    assert "<td>hernoemde-redacteur</td>" in html
    assert old_name not in html

    dutch = reviewer_client.get(page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Geschiedenis en versies" in dutch
    assert "revisie 1 teruggezet" in dutch
    assert "Ter beoordeling aangeboden" in dutch
    assert "History and versions" not in dutch
    english = reviewer_client.get(page, **EN).content.decode()
    assert "History and versions" in english


@pytest.mark.parametrize(
    ("page", "empty"),
    [("policy_history", "No history yet."), ("policy_audit", "Nothing recorded yet.")],
)
def test_each_policy_gets_its_own_cached_page(reviewer_client, organisation, page, empty):
    """Two policies that look alike (same title, nothing recorded yet) still link to
    themselves."""
    twins = [PolicyFactory(organisation=organisation, title="Tweeling") for _ in range(2)]
    for twin in twins:
        html = reviewer_client.get(url(page, twin), **EN).content.decode()
        assert f'href="{url("policy_review", twin)}"' in html
        assert empty in html


def test_a_cached_history_page_follows_the_pages(
    reviewer_client, edited_policy, editor, monkeypatch
):
    monkeypatch.setattr(review_views, "HISTORY_PAGE_SIZE", 1)
    page = url("policy_history", edited_policy)
    first = reviewer_client.get(page, **EN).content.decode()
    second = reviewer_client.get(page, {"page": 2}, **EN).content.decode()
    assert "Page 1 of 2" in first and "Revision 2" in first and "Revision 1" not in first
    assert "Page 2 of 2" in second and "Revision 1" in second and "Revision 2" not in second
    save_own_text(edited_policy, editor, "Derde versie.")
    assert "Page 1 of 3" in reviewer_client.get(page, **EN).content.decode()


def test_the_restore_buttons_restore_the_chosen_revision_through_one_form(editor, edited_policy):
    """Each button submits the one restore form (which holds the CSRF token) with its own
    revision number, also when the page comes from the cache."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = url("policy_history", edited_policy)
    client.get(page, **EN)
    html = client.get(page, **EN).content.decode()  # from the cache
    markup = Markup(html)
    form = markup.forms["restore-form"]
    assert form["method"] == "post"
    assert list(form["fields"]) == ["csrfmiddlewaretoken"]
    buttons = restore_buttons(html)
    assert [" ".join(b["text"].split()) for b in buttons] == [
        "Restore revision 2",
        "Restore revision 1",
    ]
    oldest = buttons[-1]
    assert oldest["type"] == "submit"

    response = client.post(
        form["action"],
        {**form["fields"], oldest["name"]: oldest["value"]},
    )
    assert response.status_code == 302
    assert response["Location"] == page
    edited_policy.refresh_from_db()
    assert edited_policy.content["conduct"]["own_text"] == "Eerste versie."
    assert edited_policy.revisions.get(number=3).restored_from == 1


def test_the_restore_form_needs_its_token(editor, edited_policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url("revision_restore", edited_policy), {"revision": 1})
    assert response.status_code == 403
    assert edited_policy.revisions.count() == 2


@pytest.mark.parametrize("first", ["editor", "reviewer"])
def test_editor_and_reviewer_each_get_their_own_history_from_a_warm_cache(
    client, edited_policy, editor, reviewer, first
):
    """Only who may restore sees the Restore buttons and the form, whoever warmed the cache."""
    users = {"editor": editor, "reviewer": reviewer}
    order = [first, *(name for name in users if name != first), first]
    for name in order:
        client.force_login(users[name])
        html = client.get(url("policy_history", edited_policy), **EN).content.decode()
        if name == "editor":
            assert [b["value"] for b in restore_buttons(html)] == ["2", "1"]
            assert 'id="restore-form"' in html
        else:
            assert restore_buttons(html) == []
            assert 'id="restore-form"' not in html
            assert ">Restore<" not in html
        assert "Compare side by side" in html


def test_an_editor_no_longer_gets_restore_buttons_once_the_policy_is_in_review(
    editor_client, edited_policy, editor
):
    page = url("policy_history", edited_policy)
    assert restore_buttons(editor_client.get(page, **EN).content.decode())
    workflow.policy_submit(policy=edited_policy, user=editor)
    assert restore_buttons(editor_client.get(page, **EN).content.decode()) == []


def test_a_cached_queue_never_shows_stale_content(
    reviewer_client, organisation, editor, reviewer, monkeypatch
):
    now = timezone.now()
    waiting = PolicyFactory(
        organisation=organisation,
        title="Eerste wachtend beleid",
        status=Status.IN_REVIEW,
        submitted_by=editor,
        submitted_at=now - datetime.timedelta(days=1),
    )
    today = timezone.localdate()
    PolicyFactory(
        organisation=organisation,
        title="Te evalueren beleid",
        status=Status.PUBLISHED,
        next_review_date=today + datetime.timedelta(days=10),
    )
    queue = reverse("review_queue")
    html = reviewer_client.get(queue, **EN).content.decode()  # renders and keeps the fragment
    assert "1 policy waiting" in html
    assert "Review due soon" in html

    PolicyFactory(
        organisation=organisation,
        title="Tweede wachtend beleid",
        status=Status.IN_REVIEW,
        submitted_by=editor,
        submitted_at=now,
    )
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "2 policies waiting" in html
    assert "Tweede wachtend beleid" in html

    organisation.name = "Hernoemd Zorg B.V."
    organisation.save()
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "<td>Hernoemd Zorg B.V.</td>" in html
    assert "<td>Voorbeeld Zorg B.V.</td>" not in html

    editor.username = "hernoemde-redacteur"
    editor.save()
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "· hernoemde-redacteur" in html

    PolicyFactory(
        organisation=organisation,
        title="Nog een te evalueren beleid",
        status=Status.APPROVED,
        next_review_date=today - datetime.timedelta(days=1),
    )
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "Nog een te evalueren beleid" in html
    assert "Review overdue" in html

    Policy.objects.filter(pk=waiting.pk).update(title="Hernoemd wachtend beleid")
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "Hernoemd wachtend beleid" in html
    assert "Eerste wachtend beleid" not in html

    workflow.policy_approve(policy=waiting, user=reviewer)
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "1 policy waiting" in html
    assert "Hernoemd wachtend beleid" not in html

    dutch = reviewer_client.get(queue, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "1 beleid wacht" in dutch
    assert "Evaluatie binnenkort" in dutch

    # Eleven days on, the review date has passed.
    later = today + datetime.timedelta(days=11)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    html = reviewer_client.get(queue, **EN).content.decode()
    assert html.count("Review overdue") == 2
    assert "Review due soon" not in html


def test_a_cached_queue_page_counts_what_waits_on_later_pages(
    reviewer_client, organisation, monkeypatch
):
    """A policy joining the last page changes neither the first page's rows nor the number of
    pages, but the number waiting."""
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    start = timezone.now() - datetime.timedelta(days=10)

    def submit(days: int) -> None:
        PolicyFactory(
            organisation=organisation,
            status=Status.IN_REVIEW,
            submitted_at=start + datetime.timedelta(days=days),
        )

    for days in range(3):
        submit(days)
    queue = reverse("review_queue")
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "3 policies waiting" in html
    assert "Page 1 of 2" in html
    submit(5)
    html = reviewer_client.get(queue, **EN).content.decode()
    assert "4 policies waiting" in html
    assert "Page 1 of 2" in html


def test_the_queue_flags_the_due_reviews_and_pages_them(reviewer_client, organisation):
    today = timezone.localdate()
    for days in (-3, 5):
        PolicyFactory(
            organisation=organisation,
            status=Status.APPROVED,
            title=f"Beleid {days}",
            next_review_date=today + datetime.timedelta(days=days),
        )
    PolicyFactory(
        organisation=organisation,
        status=Status.APPROVED,
        title="Nog lang niet",
        next_review_date=today + datetime.timedelta(days=90),
    )
    response = reviewer_client.get(reverse("review_queue"), **EN)
    assert [(row["title"], row["due"]) for row in response.context["due"]] == [
        ("Beleid -3", "overdue"),
        ("Beleid 5", "due"),
    ]
    html = response.content.decode()
    assert html.count("Review overdue") == 1
    assert html.count("Review due soon") == 1
    assert "Nog lang niet" not in html
    assert "Only the most urgent are shown." not in html


def test_a_cached_audit_trail_never_shows_stale_content(
    reviewer_client, edited_policy, editor, organisation
):
    page = url("policy_audit", edited_policy)
    html = reviewer_client.get(page, **EN).content.decode()  # renders and keeps the fragment
    assert "Saved a step" in html
    assert "Restored a revision" not in html

    history.revision_restore(
        policy=edited_policy, revision=edited_policy.revisions.get(number=1), user=editor
    )
    html = reviewer_client.get(page, **EN).content.decode()
    assert "Restored a revision" in html
    assert "#1" in html

    organisation.name = "Hernoemd Zorg B.V."
    organisation.save()
    html = reviewer_client.get(page, **EN).content.decode()
    assert head_line("Hernoemd Zorg B.V.") in html

    old_name = editor.username
    editor.username = "hernoemde-redacteur"
    editor.save()
    html = reviewer_client.get(page, **EN).content.decode()
    assert "hernoemde-redacteur" in html
    assert old_name not in html

    AuditEvent.objects.create(organisation=organisation, policy=edited_policy, action="export")
    html = reviewer_client.get(page, **EN).content.decode()
    assert "the system" in html

    dutch = reviewer_client.get(page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Logboek" in dutch
    assert "Stap opgeslagen" in dutch
    assert "het systeem" in dutch


def test_the_audit_trail_shows_user_text_as_text(reviewer_client, edited_policy, organisation):
    AuditEvent.objects.create(
        organisation=organisation,
        policy=edited_policy,
        action="export",
        detail="<script>alert(1)</script>",
    )
    for _ in range(2):  # rendered, then from the cache
        html = reviewer_client.get(url("policy_audit", edited_policy)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
