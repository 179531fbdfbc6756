"""The pages of an updated clause: the notices, the difference, and the POSTs behind
"Accept update" and "Decline update"."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import step_url
from tests.library.conftest import CLAUSE, NEW_SENTENCE, OWN_WORDING, printed
from wizard.policies.models import AuditEvent


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_step_of_the_clause_says_an_updated_clause_is_available(outdated, editor):
    response = logged_in(editor).get(step_url(outdated, "confidential"))
    assert "Er is een bijgewerkte clausule beschikbaar" in response.text


def test_another_step_says_nothing_of_it(outdated, editor):
    response = logged_in(editor).get(step_url(outdated, "conduct"))
    assert reverse("clause_updates", args=[outdated.pk]) not in response.text


def test_the_review_page_says_an_updated_clause_is_available(outdated, editor):
    response = logged_in(editor).get(reverse("policy_review", args=[outdated.pk]))
    assert reverse("clause_updates", args=[outdated.pk]) in response.text


def test_the_review_page_of_an_up_to_date_policy_says_nothing(policy, editor):
    response = logged_in(editor).get(reverse("policy_review", args=[policy.pk]))
    assert reverse("clause_updates", args=[policy.pk]) not in response.text


def test_the_update_page_marks_the_added_words(outdated, editor):
    response = logged_in(editor).get(reverse("clause_updates", args=[outdated.pk]))
    assert "<ins>na ontdekking </ins>" in response.text


def test_the_update_page_shows_both_texts_of_a_conflict(reworded, editor):
    response = logged_in(editor).get(reverse("clause_updates", args=[reworded.pk]))
    assert OWN_WORDING in response.text and f'name="choice:{CLAUSE}"' in response.text


def test_accept_update_takes_the_new_text(outdated, editor):
    response = logged_in(editor).post(reverse("clause_updates_accept", args=[outdated.pk]))
    outdated.refresh_from_db()
    assert response.status_code == 302 and NEW_SENTENCE in printed(outdated)


def test_accept_update_without_a_choice_for_a_conflict_shows_the_page_again(reworded, editor):
    response = logged_in(editor).post(reverse("clause_updates_accept", args=[reworded.pk]))
    assert response.status_code == 400


def test_accept_update_with_a_combined_text(reworded, editor):
    data = {f"choice:{CLAUSE}": "combined", f"combined:{CLAUSE}": "Meld een datalek meteen."}
    logged_in(editor).post(reverse("clause_updates_accept", args=[reworded.pk]), data)
    reworded.refresh_from_db()
    assert "Meld een datalek meteen." in printed(reworded)


def test_decline_update_is_audited(outdated, editor):
    logged_in(editor).post(reverse("clause_updates_decline", args=[outdated.pk]))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DECLINE_CLAUSE_UPDATE).exists()


def test_another_organisations_policy_is_not_found(outdated, outsider):
    assert logged_in(outsider).get(reverse("clause_updates", args=[outdated.pk])).status_code == 404


def test_accepting_another_organisations_policy_is_not_found(outdated, outsider):
    url = reverse("clause_updates_accept", args=[outdated.pk])
    assert logged_in(outsider).post(url).status_code == 404


def test_declining_another_organisations_policy_is_not_found(outdated, outsider):
    url = reverse("clause_updates_decline", args=[outdated.pk])
    assert logged_in(outsider).post(url).status_code == 404


def test_a_reviewer_sees_no_buttons(outdated, reviewer):
    response = logged_in(reviewer).get(reverse("clause_updates", args=[outdated.pk]))
    assert reverse("clause_updates_accept", args=[outdated.pk]) not in response.text


def test_a_reviewer_cannot_decline(outdated, reviewer):
    url = reverse("clause_updates_decline", args=[outdated.pk])
    assert logged_in(reviewer).post(url).status_code == 403


def test_accept_needs_csrf(outdated, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("clause_updates_accept", args=[outdated.pk]))
    assert response.status_code == 403


def test_without_updates_the_page_does_not_announce_one(policy, editor):
    page = (
        logged_in(editor)
        .get(reverse("clause_updates", args=[policy.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .text
    )
    assert "An updated clause is available" not in page
    assert "No clause updates" in page


def test_with_an_update_the_page_announces_it(outdated, editor):
    page = (
        logged_in(editor)
        .get(reverse("clause_updates", args=[outdated.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .text
    )
    assert "<h1>An updated clause is available</h1>" in page
