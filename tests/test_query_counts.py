"""Paginated pages cost the same number of queries however much data there is .

Each page is measured at two sizes with the same exact count, so an N+1 can't creep back in.
The count includes the session (from the shared cache), the user and the header's memberships
(one bounded query that also gives the current one); for a reviewer also the header's "To
review (N)", one count across all their organisations. Reading a page writes nothing: no
session write per request.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CommentFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyFactory,
    PolicyTemplateFactory,
    UserFactory,
)
from wizard.models import (
    Acknowledgement,
    AuditEvent,
    ConsentDossier,
    Membership,
    Policy,
    Revision,
    StaffMember,
)
from wizard.policies.steps import STEP_KEYS

Role = Membership.Role
Status = Policy.Status
SIZES = [2, 12]

# The header's "To review (N)": one count, for a user with a reviewer role.
TO_REVIEW = 1
WORKSPACE_QUERIES = 8
# The queue's header count is the queue's own.
QUEUE_QUERIES = 7
HISTORY_QUERIES = 8 + TO_REVIEW
AUDIT_QUERIES = 6 + TO_REVIEW
TEMPLATES_QUERIES = 7
# Session, user, memberships, count, the page's clients, their rows, the open questions.
PORTFOLIO_QUERIES = 7
# Session, user, memberships, the count of its policies, one page of them.
DASHBOARD_QUERIES = 5
STEP_QUERIES = 7
REVIEW_QUERIES = 7
# A reviewer's review page also reads their last decision (to show what changed since).
REVIEWER_REVIEW_QUERIES = REVIEW_QUERIES + TO_REVIEW + 1


def preview_reads(captured) -> list[str]:
    """The queries (of a django_assert_num_queries block) that read the policy's page fit or
    preview from the shared cache (the database cache here)."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if "policy-fit:" in q["sql"] or "policy-preview:" in q["sql"]
    ]


def reads_fit_and_preview_at_once(captured) -> bool:
    [read] = preview_reads(captured)
    return read.startswith("SELECT") and "policy-fit:" in read and "policy-preview:" in read


def logged_in(client, user) -> None:
    """Logged in, past the first page (which renews the new session, a write)."""
    client.force_login(user)
    client.get(reverse("organisation_list"))


@pytest.fixture
def consultant_user(db):
    return UserFactory()


@pytest.mark.parametrize("size", SIZES)
def test_the_workspace(client, consultant_user, size, django_assert_num_queries):
    for _ in range(size):
        organisation = OrganisationFactory()
        MembershipFactory(user=consultant_user, organisation=organisation, role=Role.CONSULTANT)
        for _ in range(3):
            PolicyFactory(organisation=organisation, updated_by=UserFactory())
    logged_in(client, consultant_user)
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(reverse("workspace"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("policies", [1, 12])
def test_the_workspace_with_a_client_of_many_policies(
    client, consultant_user, policies, django_assert_num_queries
):
    """A client with a dozen policies costs what one with a single policy does, and shows
    the latest five with a link to all of them."""
    organisation = OrganisationFactory()
    MembershipFactory(user=consultant_user, organisation=organisation, role=Role.CONSULTANT)
    for _ in range(policies):
        PolicyFactory(organisation=organisation, updated_by=UserFactory())
    logged_in(client, consultant_user)
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(reverse("workspace"), HTTP_ACCEPT_LANGUAGE="en")
    [shown] = response.context["page"].object_list
    assert len(shown.current_policies) == min(policies, 5)
    assert shown.current_policy_count == policies
    assert ("All 12 policies" in response.content.decode()) is (policies == 12)


@pytest.mark.parametrize("size", SIZES)
def test_the_review_queue(client, db, size, django_assert_num_queries):
    reviewer = UserFactory()
    submitter = UserFactory()
    for _ in range(size):
        organisation = OrganisationFactory()
        MembershipFactory(user=reviewer, organisation=organisation, role=Role.REVIEWER)
        PolicyFactory(organisation=organisation, status=Status.IN_REVIEW, submitted_by=submitter)
        PolicyFactory(
            organisation=organisation,
            status=Status.PUBLISHED,
            next_review_date=datetime.date(2000, 1, 1),
        )
    logged_in(client, reviewer)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert len(response.context["due"]) == size


@pytest.fixture
def busy_policy(db):
    def make(size: int):
        organisation = OrganisationFactory()
        reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
        policy = PolicyFactory(organisation=organisation)
        for number in range(1, size + 1):
            author = UserFactory()
            Revision.objects.create(
                policy=policy, number=number, step="conduct", content=policy.content, author=author
            )
            for action in ("submit", "request_changes", "save_step"):
                AuditEvent.objects.create(
                    organisation=organisation, policy=policy, actor=author, action=action
                )
            CommentFactory(policy=policy, author=reviewer)
        return policy, reviewer

    return make


@pytest.mark.parametrize("size", SIZES)
def test_the_history(client, busy_policy, size, django_assert_num_queries):
    policy, reviewer = busy_policy(size)
    logged_in(client, reviewer)
    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(reverse("policy_history", args=[policy.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(size * 3, 25)


@pytest.mark.parametrize("size", SIZES)
def test_the_audit_trail(client, busy_policy, size, django_assert_num_queries):
    policy, reviewer = busy_policy(size)
    logged_in(client, reviewer)
    with django_assert_num_queries(AUDIT_QUERIES):
        response = client.get(reverse("policy_audit", args=[policy.pk]))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size * 3


@pytest.mark.parametrize("size", SIZES)
def test_the_templates(client, consultant_user, size, django_assert_num_queries):
    for _ in range(size):
        organisation = OrganisationFactory()
        MembershipFactory(user=consultant_user, organisation=organisation, role=Role.CONSULTANT)
        PolicyTemplateFactory(owner=consultant_user)
    logged_in(client, consultant_user)
    with django_assert_num_queries(TEMPLATES_QUERIES):
        response = client.get(reverse("template_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_the_portfolio(client, consultant_user, size, django_assert_num_queries):
    """Every client with a published version confirmed by its staff, a new draft waiting for
    its works council's consent and the dossier: each column is read in the page's query."""
    for _ in range(size):
        organisation = OrganisationFactory(participation_body="works_council")
        MembershipFactory(user=consultant_user, organisation=organisation, role=Role.CONSULTANT)
        published = PolicyFactory(organisation=organisation, status=Status.PUBLISHED)
        StaffMember.objects.create(organisation=organisation, name="A", email="a@example.org")
        Acknowledgement.objects.create(
            organisation=organisation,
            policy=published,
            version_label="1.0",
            fingerprint="0" * 64,
            name="A",
            email="a@example.org",
            method=Acknowledgement.Method.PERSONAL_LINK,
        )
        draft = PolicyFactory(organisation=organisation, based_on=published)
        ConsentDossier.objects.create(
            policy=draft, proposed_decision="x", reasons="y", consequences="z"
        )
    logged_in(client, consultant_user)
    with django_assert_num_queries(PORTFOLIO_QUERIES):
        response = client.get(reverse("portfolio"))
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert len(rows) == size
    assert {(row.confirmed, row.staff) for row in rows} == {(1, 1)}


@pytest.mark.parametrize("memberships", [3, 40])
def test_the_dashboard(db, client, memberships, django_assert_num_queries):
    from wizard.organisations.middleware import SWITCHER_SIZE

    user = UserFactory()
    organisations = [OrganisationFactory() for _ in range(memberships)]
    for organisation in organisations:
        MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
        for _ in range(memberships // 3):
            PolicyFactory(organisation=organisation)
    logged_in(client, user)
    client.get(reverse("dashboard"))  # the first page after login renews the session
    # session, user, memberships (bounded), policies; beyond the switcher also the user's
    # roles (for the header's links) and, with no organisation chosen yet, the first by name
    expected = DASHBOARD_QUERIES + (2 if memberships > SWITCHER_SIZE else 0)
    with django_assert_num_queries(expected):
        response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    if memberships > SWITCHER_SIZE:
        # A long list is a link to all organisations, not a select of every one of them.
        assert 'id="org-switch-select"' not in html
        assert reverse("organisation_list") in html
    else:
        assert 'id="org-switch-select"' in html
        assert all(organisation.name in html for organisation in organisations)


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboard_with_published_policies(db, client, size, django_assert_num_queries):
    """Published rows' "N of M confirmed" costs two queries (the confirmations grouped by
    policy, the staff list's size), however many published policies the page shows."""
    user = UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    for _ in range(size):
        PolicyFactory(organisation=organisation, status=Status.PUBLISHED)
    logged_in(client, user)
    client.get(reverse("dashboard"))
    with django_assert_num_queries(DASHBOARD_QUERIES + 2):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert len(response.context["policies"]) == size


@pytest.mark.parametrize("size", SIZES)
def test_a_wizard_step(db, client, size, django_assert_num_queries):
    user = UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    policies = [PolicyFactory(organisation=organisation) for _ in range(size)]
    for n in range(size):
        resolved = {"resolved_by": UserFactory(), "resolved_at": timezone.now()} if n % 2 else {}
        CommentFactory(policy=policies[0], block_key="conduct", author=UserFactory(), **resolved)
    url = reverse("wizard_step", kwargs={"pk": policies[0].pk, "step": "conduct"})
    logged_in(client, user)
    client.get(url)
    # session, user, policy with the user's role, memberships, comments on this step with
    # their authors and resolvers, the organisation's consultants (whom an editor can ask),
    # the page fit and the preview's policy text from the shared cache (one read)
    with django_assert_num_queries(STEP_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert reads_fit_and_preview_at_once(captured)


@pytest.mark.parametrize("step", STEP_KEYS)
def test_each_step_reads_its_fit_and_preview_at_once(db, client, step, django_assert_num_queries):
    user = UserFactory()
    policy = PolicyFactory()
    MembershipFactory(user=user, organisation=policy.organisation, role=Role.EDITOR)
    url = reverse("wizard_step", kwargs={"pk": policy.pk, "step": step})
    logged_in(client, user)
    client.get(url)
    with django_assert_num_queries(STEP_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert reads_fit_and_preview_at_once(captured)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_the_review_page(client, busy_policy, size, role, django_assert_num_queries):
    """A policy in review with `size` revisions and comments (half of them resolved), as its
    author, who may resolve them, and as its reviewer."""
    policy, reviewer = busy_policy(size)
    for comment in policy.comments.order_by("pk")[::2]:
        comment.resolved_by = UserFactory()
        comment.resolved_at = timezone.now()
        comment.save()
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.IN_REVIEW, submitted_by=UserFactory(), submitted_at=timezone.now()
    )
    if role == Role.REVIEWER:
        user = reviewer
    else:
        user = MembershipFactory(organisation=policy.organisation, role=role).user
    url = reverse("policy_review", args=[policy.pk])
    logged_in(client, user)
    client.get(url)
    # session, user, policy with the user's role, memberships, comments with their authors
    # and resolvers, who submitted the policy, whether it comes from a master policy, the
    # page fit and the preview's policy text from the shared cache (one read)
    expected = REVIEWER_REVIEW_QUERIES if role == Role.REVIEWER else REVIEW_QUERIES
    with django_assert_num_queries(expected) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert reads_fit_and_preview_at_once(captured)
    assert response.content.decode().count('class="comment__text"') == size


@pytest.mark.parametrize("size", SIZES)
def test_a_reviewers_second_round(client, busy_policy, size, django_assert_num_queries):
    """What changed since the reviewer's last decision costs one more query (the revision at
    that decision), however long the history."""
    policy, reviewer = busy_policy(size)
    AuditEvent.objects.create(
        organisation=policy.organisation, policy=policy, actor=reviewer, action="request_changes"
    )
    Revision.objects.create(
        policy=policy, number=size + 1, step="conduct", content=policy.content, author=None
    )
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.IN_REVIEW, submitted_by=UserFactory(), submitted_at=timezone.now()
    )
    url = reverse("policy_review", args=[policy.pk])
    logged_in(client, reviewer)
    client.get(url)
    with django_assert_num_queries(REVIEWER_REVIEW_QUERIES + 1):
        response = client.get(url)
    assert response.context["since_last_review"] is not None
