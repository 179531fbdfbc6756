"""The members page: everyone with role and last login; roles changed, people removed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from wizard.members import services
from wizard.models import AuditEvent, Membership

LAST_LOGIN = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


def role_url(organisation) -> str:
    return reverse("member_role", kwargs={"pk": organisation.pk})


def remove_url(organisation) -> str:
    return reverse("member_remove", kwargs={"pk": organisation.pk})


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def test_the_page_lists_everyone_with_their_role(editor_client, members_url, reviewer):
    html = editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reviewer.username in html
    assert "Reviewer" in html


def test_the_page_shows_the_last_login(editor_client, members_url, reviewer):
    reviewer.last_login = LAST_LOGIN
    reviewer.save()
    html = editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'datetime="2026-11-03T10:30:00+01:00"' in html


def test_the_page_is_titled_members(editor_client, members_url):
    assert (
        "<h1>Members</h1>"
        in editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_page_is_titled_leden_in_dutch(editor_client, members_url):
    assert (
        "<h1>Leden</h1>"
        in editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    )


def test_the_dashboard_links_to_the_members_page(editor_client, members_url):
    assert f'href="{members_url}"' in editor_client.get(reverse("dashboard")).content.decode()


def test_a_reviewer_sees_the_list_without_buttons(client, reviewer, editor, members_url):
    client.force_login(reviewer)
    html = client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert editor.username in html
    assert "Change role" not in html


def test_a_reviewer_does_not_see_the_open_invitations(client, reviewer, invitation, members_url):
    client.force_login(reviewer)
    assert invitation.email not in client.get(members_url).content.decode()


def test_an_editor_changes_a_reviewer_into_an_editor(editor_client, organisation, reviewer):
    target = membership_of(reviewer, organisation)
    editor_client.post(role_url(organisation), {"membership": target.pk, "role": "editor"})
    target.refresh_from_db()
    assert target.role == "editor"


def test_a_role_change_is_in_the_audit_trail(editor_client, organisation, reviewer, editor):
    target = membership_of(reviewer, organisation)
    editor_client.post(role_url(organisation), {"membership": target.pk, "role": "editor"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE_ROLE)
    assert (event.actor, event.detail) == (editor, f"{reviewer.username}: reviewer → editor")


def test_an_editor_cannot_make_anyone_a_consultant(editor_client, organisation, reviewer):
    target = membership_of(reviewer, organisation)
    response = editor_client.post(
        role_url(organisation), {"membership": target.pk, "role": "consultant"}
    )
    target.refresh_from_db()
    assert response.status_code == 403
    assert target.role == "reviewer"


def test_an_editor_cannot_change_a_consultants_role(editor_client, organisation, consultant):
    target = membership_of(consultant, organisation)
    response = editor_client.post(
        role_url(organisation), {"membership": target.pk, "role": "reviewer"}
    )
    target.refresh_from_db()
    assert response.status_code == 403
    assert target.role == "consultant"


def test_a_reviewer_cannot_change_roles(client, organisation, reviewer):
    client.force_login(reviewer)
    target = membership_of(reviewer, organisation)
    response = client.post(role_url(organisation), {"membership": target.pk, "role": "editor"})
    target.refresh_from_db()
    assert response.status_code == 403
    assert target.role == "reviewer"


def test_a_consultant_changes_roles_for_a_client(client, organisation, consultant, reviewer):
    client.force_login(consultant)
    target = membership_of(reviewer, organisation)
    client.post(role_url(organisation), {"membership": target.pk, "role": "consultant"})
    target.refresh_from_db()
    assert target.role == "consultant"


def test_the_last_editor_cannot_become_a_reviewer(editor_client, organisation, editor):
    target = membership_of(editor, organisation)
    response = editor_client.post(
        role_url(organisation),
        {"membership": target.pk, "role": "reviewer"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    target.refresh_from_db()
    assert target.role == "editor"
    assert "at least one editor" in response.content.decode()


def test_an_editor_removes_a_reviewer(editor_client, organisation, reviewer):
    target = membership_of(reviewer, organisation)
    editor_client.post(remove_url(organisation), {"membership": target.pk})
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_a_removal_is_in_the_audit_trail(editor_client, organisation, reviewer):
    target = membership_of(reviewer, organisation)
    editor_client.post(remove_url(organisation), {"membership": target.pk})
    event = AuditEvent.objects.get(action=AuditEvent.Action.REMOVE_MEMBER)
    assert event.detail == f"{reviewer.username}: reviewer"


def test_the_audit_trail_is_on_the_members_page(editor_client, organisation, reviewer, members_url):
    target = membership_of(reviewer, organisation)
    editor_client.post(remove_url(organisation), {"membership": target.pk})
    assert f"{reviewer.username}: reviewer" in editor_client.get(members_url).content.decode()


def test_a_reviewer_cannot_remove_anyone(client, organisation, reviewer, editor):
    client.force_login(reviewer)
    target = membership_of(editor, organisation)
    response = client.post(remove_url(organisation), {"membership": target.pk})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=target.pk).exists()


def test_the_last_editor_cannot_be_removed(client, organisation, consultant, editor):
    client.force_login(consultant)
    target = membership_of(editor, organisation)
    client.post(remove_url(organisation), {"membership": target.pk})
    assert Membership.objects.filter(pk=target.pk).exists()


def test_the_last_editor_cannot_leave(editor_client, organisation, editor):
    target = membership_of(editor, organisation)
    editor_client.post(remove_url(organisation), {"membership": target.pk})
    assert Membership.objects.filter(pk=target.pk).exists()


def test_an_editor_leaves_when_another_editor_stays(editor_client, organisation, editor):
    MembershipFactory(organisation=organisation, role="editor")
    target = membership_of(editor, organisation)
    response = editor_client.post(remove_url(organisation), {"membership": target.pk})
    assert response.url == reverse("dashboard")
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_leaving_is_in_the_audit_trail(client, organisation, reviewer):
    client.force_login(reviewer)
    client.post(remove_url(organisation), {"membership": membership_of(reviewer, organisation).pk})
    assert AuditEvent.objects.get(action=AuditEvent.Action.LEAVE).actor == reviewer


def test_a_reviewer_may_leave(client, organisation, reviewer):
    client.force_login(reviewer)
    target = membership_of(reviewer, organisation)
    client.post(remove_url(organisation), {"membership": target.pk})
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_a_removed_member_loses_the_organisation_at_the_next_request(
    client, organisation, reviewer, editor
):
    client.force_login(reviewer)
    overview = reverse("dashboard") + "?overview"  # A reviewer's start is the review queue.
    assert client.get(overview).context["current_membership"] is not None
    services.membership_remove(membership=membership_of(reviewer, organisation), user=editor)
    response = client.get(overview)
    assert response.context["current_membership"] is None
    assert client.get(reverse("member_list", kwargs={"pk": organisation.pk})).status_code == 404


def test_the_last_consultant_of_a_client_without_editor_cannot_leave(db):
    client_membership = MembershipFactory(role="consultant")
    with pytest.raises(ValidationError):
        services.membership_remove(membership=client_membership, user=client_membership.user)


def test_two_editors_cannot_both_be_demoted(organisation, editor):
    other = MembershipFactory(organisation=organisation, role="editor")
    services.membership_change_role(membership=other, user=editor, role="reviewer")
    with pytest.raises(ValidationError):
        services.membership_change_role(
            membership=membership_of(editor, organisation), user=editor, role="reviewer"
        )


def test_a_member_of_another_organisation_cannot_be_removed_from_here(editor_client, organisation):
    elsewhere = MembershipFactory(role="reviewer")
    response = editor_client.post(remove_url(organisation), {"membership": elsewhere.pk})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_a_forged_membership_value_is_404(editor_client, organisation):
    response = editor_client.post(remove_url(organisation), {"membership": "1 OR 1=1"})
    assert response.status_code == 404


def test_the_service_refuses_a_non_member(organisation, reviewer):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=membership_of(reviewer, organisation), user=outsider)
