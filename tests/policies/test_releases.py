"""Releases of the clause library: a policy records the one it is built on and prints its
texts until its editor takes a newer one."""

from __future__ import annotations

from tests.factories import PolicyFactory
from wizard.policies import services
from wizard.policies.blocks import LEGAL_CHECK_DATE
from wizard.policies.document import outdated_clauses, policy_document
from wizard.policies.releases import FIRST_RELEASE, RELEASES, current_release

OLD_SENTENCE = "We moeten een datalek vaak binnen 72 uur melden."
NEW_SENTENCE = "We moeten een datalek vaak binnen 72 uur na ontdekking melden."


def printed(policy) -> str:
    return "\n".join(p for s in policy_document(policy).sections for p in s.paragraphs)


def test_the_current_release_is_the_day_of_the_latest_legal_check():
    assert current_release() == RELEASES[-1] == LEGAL_CHECK_DATE.isoformat()


def test_a_new_policy_records_the_current_release(organisation, editor):
    policy = services.policy_create(organisation=organisation, user=editor)
    assert policy.clause_library == current_release()


def test_a_new_policy_prints_the_newest_text(policy):
    assert NEW_SENTENCE in printed(policy)


def test_a_policy_built_on_an_older_release_prints_that_releases_text(organisation):
    policy = PolicyFactory(organisation=organisation, clause_library=FIRST_RELEASE)
    assert OLD_SENTENCE in printed(policy)


def test_a_policy_built_on_an_older_release_has_an_updated_clause(organisation):
    policy = PolicyFactory(organisation=organisation, clause_library=FIRST_RELEASE)
    assert [u.key for u in outdated_clauses(policy)] == ["confidential:data-breach"]


def test_a_policy_on_the_current_release_has_no_updated_clause(policy):
    assert outdated_clauses(policy) == []


def test_a_policy_without_the_changed_clause_has_no_updated_clause(organisation):
    policy = PolicyFactory(organisation=organisation, clause_library=FIRST_RELEASE)
    content = dict(policy.content)
    content["confidential"] = {**content["confidential"], "clauses": ["never-share"]}
    policy.content = content
    assert outdated_clauses(policy) == []


def test_a_new_version_keeps_the_clause_texts_of_its_approved_version(organisation, editor):
    policy = PolicyFactory(
        organisation=organisation, clause_library=FIRST_RELEASE, status="published"
    )
    draft = services.policy_new_version(policy=policy, user=editor)
    assert OLD_SENTENCE in printed(draft)
