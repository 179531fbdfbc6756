"""The review workflow through its pages (wizard/review/views.py and the review templates)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from tests.factories import CommentFactory, MembershipFactory, PolicyFactory
from wizard.models import AuditEvent, Comment, Membership, Policy
from wizard.policies.document import default_content
from wizard.policies.services import content_hash, policy_save_step, policy_set_content
from wizard.review import history, workflow
from wizard.review import views as review_views

Status = Policy.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def in_status(policy: Policy, status: str) -> Policy:
    Policy.objects.filter(pk=policy.pk).update(status=status)
    policy.refresh_from_db()
    return policy


def url(name: str, policy: Policy) -> str:
    return reverse(name, kwargs={"pk": policy.pk})


# --- Transitions ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(workflow.TRANSITIONS))
def test_each_transition_has_its_url_served_by_the_one_view(name):
    match = resolve(reverse(workflow.TRANSITIONS[name].url_name, kwargs={"pk": 1}))
    assert (match.func.__name__, match.kwargs) == ("policy_transition", {"pk": 1, "name": name})


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


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "A new version of this policy is approved and waiting to be published."),
        ("nl", "Een nieuwe versie van dit beleid is goedgekeurd en wacht op publicatie."),
    ],
)
def test_a_second_new_version_while_one_is_approved_is_a_403_with_the_reason(
    editor_client, policy, language, reason
):
    in_status(policy, Status.PUBLISHED)
    editor_client.post(url("policy_new_version", policy))
    in_status(policy.new_versions.get(), Status.APPROVED)
    response = editor_client.post(url("policy_new_version", policy), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert reason in response.content.decode()
    assert policy.new_versions.count() == 1


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "Another version of this policy was published after this one was started"),
        ("nl", "Er is een andere versie van dit beleid gepubliceerd nadat deze versie is begonnen"),
    ],
)
def test_publishing_a_version_whose_original_was_replaced_is_a_403_with_the_reason(
    editor_client, policy, editor, language, reason
):
    in_status(policy, Status.PUBLISHED)
    first, second = (
        in_status(PolicyFactory(organisation=policy.organisation, based_on=policy), "approved")
        for _ in range(2)
    )
    editor_client.post(url("policy_publish", first))
    response = editor_client.post(url("policy_publish", second), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert reason in response.content.decode()
    assert Policy.objects.get(pk=second.pk).status == Status.APPROVED


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


def test_archive_asks_first_and_a_get_changes_nothing(editor_client, policy):
    response = editor_client.get(url("policy_archive", policy), **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Archive this policy?" in page and "You cannot undo this." in page
    assert '<form method="post" class="form-actions">' in page
    assert Policy.objects.get(pk=policy.pk).status == Status.DRAFT
    assert not AuditEvent.objects.filter(policy=policy, action="archive").exists()


def test_archiving_a_published_policy_says_its_staff_link_stops_working(editor_client, policy):
    in_status(policy, Status.PUBLISHED)
    page = editor_client.get(url("policy_archive", policy), **EN).content.decode()
    assert "the staff link and the personal links stop working at once" in page


def test_archiving_a_draft_says_nothing_about_a_staff_link(editor_client, policy):
    page = editor_client.get(url("policy_archive", policy), **EN).content.decode()
    assert "staff link" not in page


def test_a_reviewer_is_not_asked_to_archive(reviewer_client, policy):
    response = reviewer_client.get(url("policy_archive", policy), **EN)
    assert response.status_code == 403
    assert "Only editors and consultants of this organisation can archive it." in (
        response.content.decode()
    )


def test_the_review_page_archive_button_opens_the_question(editor_client, policy):
    page = review_page(editor_client, policy, **EN)
    assert f'<form method="get" action="{url("policy_archive", policy)}">' in page
    assert f'<form method="post" action="{url("policy_archive", policy)}">' not in page


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


def test_opening_a_step_while_a_new_version_is_approved_goes_to_the_review_page(
    editor_client, policy
):
    in_status(policy, Status.PUBLISHED)
    in_status(PolicyFactory(organisation=policy.organisation, based_on=policy), "approved")
    response = editor_client.get(reverse("wizard_step", args=[policy.pk, "conduct"]))
    assert response["Location"] == url("policy_review", policy)
    assert policy.new_versions.count() == 1


def test_the_review_page_says_a_new_version_waits_to_be_published(editor_client, policy):
    in_status(policy, Status.PUBLISHED)
    in_status(PolicyFactory(organisation=policy.organisation, based_on=policy), "approved")
    page = editor_client.get(url("policy_review", policy), **EN).content.decode()
    assert "A new version of this policy is approved and waiting to be published." in page
    assert f'action="{url("policy_new_version", policy)}"' not in page


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


@pytest.mark.parametrize("next_url", ["dashboard", "😀", "x" * 5000])
def test_a_next_that_is_not_a_path_leads_to_the_review_page(reviewer_client, policy, next_url):
    # A word would be taken for a view's name by redirect(): a 500, not a way back.
    response = reviewer_client.post(
        url("comment_add", policy), {"block_key": "conduct", "text": "Hm.", "next": next_url}
    )
    assert response["Location"] == url("policy_review", policy)


def test_opening_an_actions_address_leads_to_its_policy_and_does_nothing(reviewer_client, policy):
    # As a browser does after the login that a POST with an ended session asked for.
    response = reviewer_client.get(url("comment_add", policy))
    assert response.status_code == 302
    assert response["Location"] == policy.get_absolute_url()
    assert not Comment.objects.exists()


def test_opening_an_action_of_another_organisation_is_a_404(client, outsider, policy):
    client.force_login(outsider)
    assert client.get(url("comment_add", policy)).status_code == 404


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
    policy_set_content(policy, content)
    policy.save()
    page = editor_client.get(url("policy_review", policy), **EN).content.decode()
    assert f'action="{url("policy_submit", policy)}"' not in page


# --- Review queue ---------------------------------------------------------------------------


def shown(rows) -> list[int]:
    """The primary keys of the policies in a queue table, in order."""
    return [row.pk for row in rows]


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
def edited_policy(policy, editor, save_conduct):
    for text in ("Eerste versie.", "Tweede versie."):
        save_conduct(policy, editor, text)
    return policy


def test_the_history_lists_the_revisions(reviewer_client, edited_policy):
    response = reviewer_client.get(url("policy_history", edited_policy))
    assert [r.number for r in response.context["rows"]] == [2, 1]


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


# --- The review page shows what is stored now -----------------------------------------------
# Each test renders the page once, changes one thing and checks that the next request shows it.


def stored_details_hash(policy: Policy) -> str:
    from wizard.policies.forms import DetailsForm
    from wizard.policies.services import details_hash

    return details_hash({name: getattr(policy, name) for name in DetailsForm.Meta.fields})


def review_page(client, policy: Policy, **extra) -> str:
    response = client.get(url("policy_review", policy), **extra)
    assert response.status_code == 200
    return response.content.decode()


DETAIL_CHANGES = [
    ("title", "Nieuwe titel", 'name="title" value="Nieuwe titel"'),
    ("language", "en", '<option value="en" selected>'),
    ("effective_date", datetime.date(2031, 5, 1), 'name="effective_date" value="2031-05-01"'),
    ("version_label", "3.4", 'name="version_label" value="3.4"'),
    ("contact_person", "Piet <Pieters>", 'name="contact_person" value="Piet &lt;Pieters&gt;"'),
    ("contact_email", "piet@example.org", 'name="contact_email" value="piet@example.org"'),
    ("next_review_date", datetime.date(2032, 6, 1), 'name="next_review_date" value="2032-06-01"'),
]


@pytest.mark.parametrize(("field", "value", "shown"), DETAIL_CHANGES)
def test_each_changed_detail_shows_in_the_form_on_the_next_request(
    editor_client, policy, field, value, shown
):
    before = review_page(editor_client, policy)
    assert shown not in before
    Policy.objects.filter(pk=policy.pk).update(**{field: value})
    assert shown in review_page(editor_client, policy)


def test_saved_details_show_on_the_next_request(editor_client, policy):
    review_page(editor_client, policy)
    response = editor_client.post(
        url("policy_review", policy),
        {
            "title": "Beleid 2031",
            "language": "nl",
            "version_label": "2.0",
            "effective_date": "2031-01-01",
            "next_review_date": "2032-01-01",
            "contact_person": "Piet Pieters",
            "contact_email": "",
            "base_hash": stored_details_hash(policy),
        },
    )
    assert response.status_code == 302
    page = review_page(editor_client, policy)
    assert 'name="title" value="Beleid 2031"' in page
    assert 'name="version_label" value="2.0"' in page
    assert 'name="contact_person" value="Piet Pieters"' in page
    policy.refresh_from_db()
    assert f'name="base_hash" value="{stored_details_hash(policy)}"' in page
    assert 'name="title" value="Social-mediabeleid"' not in page


def test_a_bad_details_post_shows_its_errors_and_what_was_sent_not_the_cached_form(
    editor_client, policy
):
    review_page(editor_client, policy, **EN)
    response = editor_client.post(
        url("policy_review", policy),
        {
            "title": "",
            "language": "nl",
            "version_label": "1.0",
            "effective_date": "2031-05-01",
            "next_review_date": "2031-01-01",
            "contact_email": "geen-adres",
            "base_hash": stored_details_hash(policy),
        },
        **EN,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page
    assert 'id="id_next_review_date_error"' in page
    assert 'id="id_contact_email_error"' in page
    assert 'name="contact_email" value="geen-adres"' in page
    assert 'name="title" value="Social-mediabeleid"' not in page
    # The next plain request shows the stored details again, without errors.
    page = review_page(editor_client, policy, **EN)
    assert "error-summary" not in page
    assert 'name="title" value="Social-mediabeleid"' in page


def test_new_resolved_and_renamed_comments_show_on_the_next_request(
    client, policy, editor, reviewer
):
    in_status(policy, Status.IN_REVIEW)
    resolve = 'action="{}"'.format(url("comment_resolve", policy))
    for user in (reviewer, editor):
        client.force_login(user)
        assert "No comments yet." in review_page(client, policy, **EN)

    comment = CommentFactory(policy=policy, block_key="conduct", author=reviewer, text="Eerste")
    client.force_login(reviewer)
    page = review_page(client, policy, **EN)
    assert "Eerste" in page and "No comments yet." not in page
    client.force_login(editor)
    page = review_page(client, policy, **EN)
    assert "Eerste" in page and resolve in page

    client.post(url("comment_resolve", policy), {"comment": comment.pk})
    for user in (editor, reviewer):
        client.force_login(user)
        page = review_page(client, policy, **EN)
        assert f"resolved by {editor.username}" in page
        assert resolve not in page

    CommentFactory(policy=policy, block_key="", author=reviewer, text="Tweede")
    client.force_login(editor)
    page = review_page(client, policy, **EN)
    assert "Tweede" in page and "The policy as a whole" in page and resolve in page

    # Names are shown, so a renamed author or resolver shows too.
    for renamed, name in ((reviewer, "hernoemde-beoordelaar"), (editor, "hernoemde-auteur")):
        for user in (editor, reviewer):
            client.force_login(user)
            review_page(client, policy, **EN)
        renamed.username = name
        renamed.save()
        for user in (editor, reviewer):
            client.force_login(user)
            page = review_page(client, policy, **EN)
            assert page.count("hernoemde-beoordelaar ·") == 2
            assert ("resolved by hernoemde-auteur" in page) is (renamed == editor)


def test_status_changes_show_on_the_next_request(client, policy, editor, reviewer):
    submit = 'action="{}"'.format(url("policy_submit", policy))
    new_version = 'action="{}"'.format(url("policy_new_version", policy))
    edit_conduct = 'href="{}">Edit'.format(reverse("wizard_step", args=[policy.pk, "conduct"]))
    waiting = "This policy is waiting for the reviewer."
    client.force_login(editor)
    page = review_page(client, policy, **EN)
    assert submit in page and edit_conduct in page and waiting not in page

    client.post(url("policy_submit", policy))
    page = review_page(client, policy, **EN)
    assert waiting in page
    assert f"· {editor.username}</dd>" in page  # submitted by
    assert submit not in page and edit_conduct not in page
    editor.username = "hernoemde-indiener"
    editor.save()
    assert "· hernoemde-indiener</dd>" in review_page(client, policy, **EN)

    client.force_login(reviewer)
    client.post(url("policy_approve", policy), {"note": ""})
    client.force_login(editor)
    page = review_page(client, policy, **EN)
    assert waiting not in page
    assert 'action="{}"'.format(url("policy_publish", policy)) in page
    assert new_version in page

    client.post(url("policy_new_version", policy))
    draft = Policy.objects.get(based_on=policy)
    page = review_page(client, policy, **EN)
    assert "Go to the new version" in page
    assert 'href="{}"'.format(url("policy_review", draft)) in page
    assert new_version not in page
    assert "Read the approved version" in review_page(client, draft, **EN)


def test_the_status_panel_shows_each_change_on_the_next_request(client, policy, reviewer):
    older = PolicyFactory(organisation=policy.organisation, status=Status.APPROVED)
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.IN_REVIEW,
        submitted_at=timezone.make_aware(datetime.datetime(2031, 3, 4, 10, 30)),
        based_on=older,
    )
    client.force_login(reviewer)
    page = review_page(client, policy, **EN)
    assert "March 4, 2031, 10:30 a.m." in page
    assert "Read the approved version" in page
    for change, shown, gone in (
        ({"version_label": "3.4"}, "<dd>3.4</dd>", "<dd>1.0</dd>"),
        (
            {"submitted_at": timezone.make_aware(datetime.datetime(2031, 3, 5, 11, 45))},
            "March 5, 2031, 11:45 a.m.",
            "March 4, 2031, 10:30 a.m.",
        ),
        ({"based_on": None}, None, "Read the approved version"),
    ):
        Policy.objects.filter(pk=policy.pk).update(**change)
        page = review_page(client, policy, **EN)
        if shown:
            # The version label is in the status and in the details; both follow.
            assert page.count(shown) == (2 if "version_label" in change else 1), change
        assert gone not in page, change


def test_a_changed_next_review_date_shows_in_the_status_on_the_next_request(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.APPROVED, next_review_date=datetime.date(2031, 6, 1)
    )
    assert "<dd>June 1, 2031</dd>" in review_page(editor_client, policy, **EN)
    Policy.objects.filter(pk=policy.pk).update(next_review_date=datetime.date(2032, 6, 1))
    page = review_page(editor_client, policy, **EN)
    assert "<dd>June 1, 2032</dd>" in page
    assert "1 Jun 2031" not in page


def test_a_step_made_incomplete_shows_on_the_next_request(editor_client, policy):
    page = review_page(editor_client, policy, **EN)
    assert "not complete" not in page
    assert "Download PDF" in page
    content = default_content()
    content["conduct"] = {**content["conduct"], "clauses": [], "own_text": ""}
    policy_set_content(policy, content)
    policy.save()
    page = review_page(editor_client, policy, **EN)
    assert "not complete" in page  # the step list and the building blocks
    assert "(not complete yet)" in page
    assert "Complete every step to submit the policy for review." in page
    assert "Download PDF" not in page


def test_the_review_due_flag_follows_the_date(editor_client, policy, monkeypatch):
    from django.utils import timezone as django_timezone

    today = django_timezone.localdate()
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.APPROVED, next_review_date=today + datetime.timedelta(days=40)
    )
    assert "Review due soon" not in review_page(editor_client, policy, **EN)
    monkeypatch.setattr(
        django_timezone, "localdate", lambda *args: today + datetime.timedelta(days=20)
    )
    assert "Review due soon" in review_page(editor_client, policy, **EN)


def test_a_renamed_organisation_shows_on_the_next_request(editor_client, policy):
    review_page(editor_client, policy, **EN)
    organisation = policy.organisation
    organisation.name = "Hernoemd Zorg B.V."
    organisation.participation_body = "works_council"
    organisation.save()
    page = review_page(editor_client, policy, **EN)
    assert "Hernoemd Zorg B.V." in page
    assert "Voorbeeld Zorg B.V." not in page
    assert "rules of conduct as such are not on the works council" in page
    assert "Works council consented on" in page


# Words from each part of the page, in English and in Dutch.
UI_WORDS = [
    ("Status and review", "Status en beoordeling"),  # the status
    ("pre-filled, not yet checked", "vooraf ingevuld, nog niet gecontroleerd"),  # the step list
    (">Edit<", ">Aanpassen<"),  # the building blocks
    ("Download PDF", "PDF downloaden"),  # the export links
    (">Effective date <", ">Ingangsdatum <"),  # the details form's fields
    ("Core values and conduct</h4>", "Kernwaarden en gedrag</h4>"),  # the comments
]
REVIEWER_UI_WORDS = [
    ("Building block", "Bouwsteen"),  # the comment form's fields
    ("Note for the author", "Toelichting voor de auteur"),  # the decision form's field
    ("Core values and conduct</h4>", "Kernwaarden en gedrag</h4>"),
]


@pytest.mark.parametrize(("first", "then"), [("nl", "en"), ("en", "nl")])
def test_the_other_interface_language_shows_on_the_next_request(
    client, policy, editor, reviewer, first, then
):
    # The policy is written in the first language, so the other one's words come from the page.
    Policy.objects.filter(pk=policy.pk).update(language=first)
    CommentFactory(
        policy=policy,
        block_key="conduct",
        author=reviewer,
        resolved_by=editor,
        resolved_at=timezone.now(),
    )
    shown = 0 if then == "en" else 1
    for user, status, words in (
        (editor, Status.DRAFT, UI_WORDS),
        (reviewer, Status.IN_REVIEW, REVIEWER_UI_WORDS),
    ):
        in_status(policy, status)
        client.force_login(user)
        before = review_page(client, policy, HTTP_ACCEPT_LANGUAGE=first)
        page = review_page(client, policy, HTTP_ACCEPT_LANGUAGE=then)
        for pair in words:
            assert pair[shown] not in before, pair
            assert pair[shown] in page, pair


FORM_CONTROLS = (
    "policy_submit",
    "policy_publish",
    "policy_new_version",
    "comment_add",
    "comment_resolve",
    "template_save",
    "policy_share",
    "policy_share_revoke",
)
OTHER_CONTROLS = ("decision", "audit", "copy", "details_form", "waiting")


def controls(page: str, policy: Policy) -> dict[str, bool]:
    """Which of the review page's controls `page` shows."""
    shown = {name: f'action="{url(name, policy)}"' in page for name in FORM_CONTROLS}
    shown["decision"] = f'formaction="{url("policy_approve", policy)}"' in page
    shown["audit"] = f'href="{url("policy_audit", policy)}"' in page
    shown["copy"] = f'href="{url("policy_copy", policy)}"' in page
    shown["details_form"] = 'name="base_hash"' in page
    shown["waiting"] = "This policy is waiting for the reviewer." in page
    return shown


def only(*names: str) -> dict[str, bool]:
    return {name: name in names for name in (*FORM_CONTROLS, *OTHER_CONTROLS)}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            Status.DRAFT,
            {
                "editor": {"policy_submit", "comment_resolve", "copy", "details_form"},
                "consultant": {
                    "policy_submit",
                    "comment_resolve",
                    "copy",
                    "details_form",
                    "template_save",
                },
                "reviewer": {"comment_add", "audit"},
            },
        ),
        (
            Status.IN_REVIEW,
            {
                "editor": {"comment_resolve", "copy", "waiting"},
                "consultant": {"comment_resolve", "copy", "waiting", "template_save"},
                "reviewer": {"comment_add", "audit", "decision"},
            },
        ),
        (
            Status.PUBLISHED,
            {
                "editor": {"comment_resolve", "copy", "policy_new_version", "policy_share"},
                "consultant": {
                    "comment_resolve",
                    "copy",
                    "policy_new_version",
                    "policy_share",
                    "template_save",
                },
                "reviewer": {"comment_add", "audit"},
            },
        ),
    ],
)
def test_each_viewer_gets_their_own_controls_after_the_others_visits(
    client, policy, editor, reviewer, consultant, status, expected
):
    in_status(policy, status)
    CommentFactory(policy=policy, author=reviewer, text="Nog open")
    CommentFactory(
        policy=policy,
        block_key="",
        author=reviewer,
        text="Al afgehandeld",
        resolved_by=editor,
        resolved_at=timezone.now(),
    )
    users = {"editor": editor, "consultant": consultant, "reviewer": reviewer}
    for _round in range(2):  # the second round follows every other role's visit
        for role in ("editor", "reviewer", "consultant", "editor"):
            client.force_login(users[role])
            page = review_page(client, policy, **EN)
            assert "Nog open" in page and "Al afgehandeld" in page
            assert controls(page, policy) == only(*expected[role]), role


def test_the_staff_link_controls_follow_the_link(editor_client, policy):
    in_status(policy, Status.PUBLISHED)
    page = review_page(editor_client, policy, **EN)
    assert "There is no staff link now." in page
    editor_client.post(url("policy_share", policy))
    page = review_page(editor_client, policy, **EN)
    assert controls(page, policy)["policy_share_revoke"]
    assert "Link for staff" in page
    editor_client.post(url("policy_share_revoke", policy))
    assert "There is no staff link now." in review_page(editor_client, policy, **EN)


def test_the_template_form_shows_the_current_title(client, policy, consultant):
    client.force_login(consultant)
    review_page(client, policy)
    Policy.objects.filter(pk=policy.pk).update(title="Andere titel")
    page = review_page(client, policy)
    assert 'name="title" id="template-title" maxlength="120" value="Andere titel"' in page


# --- Two people saving the finishing details at once ------------------------------------------


def details_post(policy: Policy, base_hash: str, **changes) -> dict:
    data = {
        "title": policy.title,
        "language": policy.language,
        "version_label": policy.version_label,
        "effective_date": "",
        "next_review_date": "",
        "contact_person": policy.contact_person,
        "contact_email": policy.contact_email,
        "base_hash": base_hash,
    }
    return {**data, **changes}


@pytest.fixture
def two_editors(client, policy, organisation, editor):
    from django.test import Client

    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    mine, theirs = Client(), Client()
    mine.force_login(editor)
    theirs.force_login(colleague)
    theirs.user = colleague
    return mine, theirs


def form_base_hash(page: str) -> str:
    import re

    return re.search(r'name="base_hash" value="([0-9a-f]*)"', page).group(1)


def test_a_colleagues_details_saved_meanwhile_are_never_overwritten_silently(two_editors, policy):
    mine, theirs = two_editors
    loaded = form_base_hash(review_page(mine, policy, **EN))
    assert loaded == form_base_hash(review_page(theirs, policy, **EN))
    saved = theirs.post(
        url("policy_review", policy), details_post(policy, loaded, title="Hun titel")
    )
    assert saved.status_code == 302

    response = mine.post(
        url("policy_review", policy), details_post(policy, loaded, title="Mijn titel"), **EN
    )
    page = response.content.decode()
    assert response.status_code == 200
    policy.refresh_from_db()
    assert policy.title == "Hun titel"  # nothing of theirs was lost
    assert 'name="title" value="Mijn titel"' in page  # nothing of mine was lost
    assert "Someone else saved other details while you were editing them." in page
    assert "Saved by someone else meanwhile:" in page
    assert "<dt>Title</dt><dd>Hun titel</dd>" in page
    assert "error-summary" in page

    # Saving again, now knowing, keeps my version.
    again = mine.post(
        url("policy_review", policy),
        details_post(policy, form_base_hash(page), title="Mijn titel"),
    )
    assert again.status_code == 302
    policy.refresh_from_db()
    assert policy.title == "Mijn titel"


def test_the_conflict_is_explained_in_dutch(two_editors, policy):
    mine, theirs = two_editors
    loaded = form_base_hash(review_page(mine, policy))
    theirs.post(url("policy_review", policy), details_post(policy, loaded, version_label="9.9"))
    page = mine.post(
        url("policy_review", policy), details_post(policy, loaded, version_label="2.0")
    ).content.decode()
    assert "Iemand anders heeft andere gegevens opgeslagen terwijl jij ze aanpaste." in page
    assert "Dit heeft iemand anders intussen opgeslagen:" in page


def test_sending_the_same_details_twice_is_no_conflict(editor_client, policy):
    loaded = form_base_hash(review_page(editor_client, policy))
    data = details_post(policy, loaded, title="Twee keer verstuurd")
    assert editor_client.post(url("policy_review", policy), data).status_code == 302
    assert editor_client.post(url("policy_review", policy), data).status_code == 302
    policy.refresh_from_db()
    assert policy.title == "Twee keer verstuurd"


def test_a_colleagues_step_saved_meanwhile_is_no_conflict_for_the_details(two_editors, policy):
    from wizard.policies.services import content_hash, policy_save_step

    mine, _theirs = two_editors
    loaded = form_base_hash(review_page(mine, policy))
    colleague = Membership.objects.exclude(
        user__username=policy.organisation.memberships.first().user.username
    )
    policy_save_step(
        policy_id=policy.pk,
        user=colleague.filter(role=Membership.Role.EDITOR).first().user,
        step="conduct",
        data={**policy.content["conduct"], "own_text": "Van een collega"},
        base_hash=content_hash(policy.content["conduct"]),
    )
    response = mine.post(url("policy_review", policy), details_post(policy, loaded, title="Oké"))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.title == "Oké"
    assert policy.content["conduct"]["own_text"] == "Van een collega"


def test_the_details_form_carries_the_hash_of_the_stored_details(editor_client, policy):
    review_page(editor_client, policy)
    Policy.objects.filter(pk=policy.pk).update(contact_person="Iemand anders")
    policy.refresh_from_db()
    assert form_base_hash(review_page(editor_client, policy)) == stored_details_hash(policy)


# --- History, queue and audit trail show what is stored -----------------------------------


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


def test_the_history_shows_every_change_on_the_next_request(
    reviewer_client, edited_policy, editor, organisation
):
    page = url("policy_history", edited_policy)
    html = reviewer_client.get(page, **EN).content.decode()
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
def test_each_policy_gets_its_own_page(reviewer_client, organisation, page, empty):
    """Two policies that look alike (same title, nothing recorded yet) still link to
    themselves."""
    twins = [PolicyFactory(organisation=organisation, title="Tweeling") for _ in range(2)]
    for twin in twins:
        html = reviewer_client.get(url(page, twin), **EN).content.decode()
        assert f'href="{url("policy_review", twin)}"' in html
        assert empty in html


def test_the_history_pages_follow_new_revisions(
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
    revision number, on every visit."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = url("policy_history", edited_policy)
    client.get(page, **EN)
    html = client.get(page, **EN).content.decode()
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
def test_editor_and_reviewer_each_get_their_own_history_whoever_comes_first(
    client, edited_policy, editor, reviewer, first
):
    """Only who may restore sees the Restore buttons and the form, whoever opened it first."""
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


def test_the_queue_shows_every_change_on_the_next_request(
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
    html = reviewer_client.get(queue, **EN).content.decode()
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


def test_the_queue_counts_what_waits_on_later_pages(reviewer_client, organisation, monkeypatch):
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
    assert [(row.title, row.review_due()) for row in response.context["due"]] == [
        ("Beleid -3", "overdue"),
        ("Beleid 5", "due"),
    ]
    html = response.content.decode()
    assert html.count("Review overdue") == 1
    assert html.count("Review due soon") == 1
    assert "Nog lang niet" not in html
    assert "Only the most urgent are shown." not in html


def test_the_audit_trail_shows_every_change_on_the_next_request(
    reviewer_client, edited_policy, editor, organisation
):
    page = url("policy_audit", edited_policy)
    html = reviewer_client.get(page, **EN).content.decode()
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
    for _ in range(2):  # a first visit and the next
        html = reviewer_client.get(url("policy_audit", edited_policy)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_reader_of_the_review_page_meets_no_dead_ends(client, policy, reviewer):
    client.force_login(reviewer)
    page = review_page(client, policy, **EN)
    steps = reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"})
    assert steps.rsplit("conduct", 1)[0] not in page
    assert 'href="#policy-section-conduct"' in page


def test_the_dates_on_a_page_follow_the_interface_language(client, policy, reviewer):
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.APPROVED,
        next_review_date=datetime.date(2027, 12, 3),
        effective_date=datetime.date(2026, 12, 3),
    )
    client.force_login(reviewer)
    english = review_page(client, policy, **EN)
    assert "Dec. 3, 2027" in english and "Dec. 3, 2026" in english
    dutch = review_page(client, policy, HTTP_ACCEPT_LANGUAGE="nl")
    assert "3 december 2027" in dutch and "Dec. 3" not in dutch


def test_a_renamed_organisation_shows_in_the_preview_on_the_next_load(editor_client, policy):
    review = url("policy_review", policy)
    assert "Voorbeeld Zorg B.V." in editor_client.get(review).content.decode()
    # The organisation's name is printed in the preview but is no field of the policy.
    policy.organisation.name = "Hernoemd Zorg B.V."
    policy.organisation.save()
    renamed = editor_client.get(review).content.decode()
    assert "Hernoemd Zorg B.V." in renamed
    assert "Voorbeeld Zorg B.V." not in renamed


def test_the_preview_is_in_the_language_of_the_page(editor_client, policy):
    review = url("policy_review", policy)
    editor_client.get(review, HTTP_ACCEPT_LANGUAGE="nl")
    english = editor_client.get(review, **EN).content.decode()
    assert "Fits on one page" in english
    dutch = editor_client.get(review, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Past op één pagina" in dutch


# --- The finishing details, read only -------------------------------------------------------


def test_a_reader_sees_the_stored_contact_person(reviewer_client, policy):
    Policy.objects.filter(pk=policy.pk).update(
        contact_person="Mirjam Smit", contact_email="mirjam@example.org"
    )
    page = review_page(reviewer_client, policy, **EN)
    assert "<dt>Contact person</dt><dd>Mirjam Smit</dd>" in page
    assert "<dt>Contact e-mail</dt><dd>mirjam@example.org</dd>" in page


def test_a_reader_sees_the_organisations_contact_the_policy_prints(reviewer_client, policy):
    Policy.objects.filter(pk=policy.pk).update(contact_person="", contact_email="")
    organisation = policy.organisation
    organisation.contact_person = "Jan de Vries"
    organisation.save(update_fields=["contact_person"])
    page = review_page(reviewer_client, policy, **EN)
    assert "<dt>Contact person</dt><dd>Jan de Vries</dd>" in page
