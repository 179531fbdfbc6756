"""Revisions and status changes, word-level comparison and restoring (wizard/review/history.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wizard.models import AuditEvent, Policy, Revision
from wizard.policies.services import policy_create, policy_save_step
from wizard.review import history, selectors, workflow


@pytest.fixture
def saved_policy(organisation, editor, save_conduct):
    policy = policy_create(organisation=organisation, user=editor)
    save_conduct(policy, editor, "Wees aardig tegen elkaar.")
    save_conduct(policy, editor, "Wees altijd aardig tegen iedereen.")
    policy.refresh_from_db()
    return policy


def test_word_diff_marks_removed_and_added_words():
    older, newer = history.word_diff(
        "Wees aardig tegen elkaar.", "Wees altijd aardig tegen iedereen."
    )
    assert [t.text for t in older if t.change == "del"] == ["elkaar."]
    assert [t.text for t in newer if t.change == "ins"] == ["altijd ", "iedereen."]


def test_word_diff_of_equal_texts_marks_nothing():
    older, newer = history.word_diff("Zelfde tekst.", "Zelfde tekst.")
    assert not any(t.change for t in (*older, *newer))


def test_word_diff_keeps_every_character_of_both_texts():
    a, b = "Eén 👩‍💻 regel\n\nen nóg één.", "Eén regel 👍\n\nen nog één."
    older, newer = history.word_diff(a, b)
    assert "".join(t.text for t in older) == a
    assert "".join(t.text for t in newer) == b


def test_comparing_two_revisions_shows_the_changed_block_only(saved_policy):
    older, newer = saved_policy.revisions.order_by("number")[1:3]
    blocks = history.revisions_compare(saved_policy, older, newer)
    assert [b.key for b in blocks if b.changed] == ["conduct"]


def test_the_comparison_shows_the_words_as_printed(saved_policy):
    older, newer = saved_policy.revisions.order_by("number")[1:3]
    conduct = next(b for b in history.revisions_compare(saved_policy, older, newer) if b.changed)
    assert "altijd " in [t.text for t in conduct.newer if t.change == "ins"]


def timeline_of(policy):
    return selectors.history_timeline(policy)[0:1000]


def test_the_timeline_lists_revisions_and_status_changes_newest_first(saved_policy, editor):
    workflow.policy_submit(policy=saved_policy, user=editor)
    rows = timeline_of(saved_policy)
    assert [(r.kind, r.number or r.action) for r in rows] == [
        ("status", "submit"),
        ("revision", 3),
        ("revision", 2),
        ("revision", 1),
    ]


def test_the_timeline_names_who_did_it(saved_policy, editor):
    rows = timeline_of(saved_policy)
    assert {r.who for r in rows} == {editor.username}


def test_the_timeline_leaves_out_other_events(saved_policy, editor):
    AuditEvent.objects.create(
        organisation=saved_policy.organisation, policy=saved_policy, actor=editor, action="export"
    )
    rows = timeline_of(saved_policy)
    assert all(r.kind == "revision" for r in rows)


def test_restoring_writes_the_old_content_as_a_new_revision(saved_policy, editor):
    first = saved_policy.revisions.get(number=1)
    restored = history.revision_restore(policy=saved_policy, revision=first, user=editor)
    saved_policy.refresh_from_db()
    assert saved_policy.content == first.content
    assert (restored.number, restored.restored_from) == (4, 1)


def test_restoring_stores_whether_the_steps_of_the_old_content_are_complete(
    saved_policy, editor, save_conduct
):
    empty = {**saved_policy.content["conduct"], "clauses": [], "own_text": ""}
    policy_save_step(
        policy_id=saved_policy.pk, user=editor, step="conduct", data=empty, base_hash=""
    )
    skipped = saved_policy.revisions.get(number=4)
    save_conduct(saved_policy, editor, "Weer compleet.")
    history.revision_restore(policy=saved_policy, revision=skipped, user=editor)
    assert Policy.objects.get(pk=saved_policy.pk).incomplete_steps == ["conduct"]


def test_restoring_destroys_nothing(saved_policy, editor):
    before = list(saved_policy.revisions.order_by("number").values_list("number", "content"))
    history.revision_restore(
        policy=saved_policy, revision=saved_policy.revisions.get(number=1), user=editor
    )
    after = list(saved_policy.revisions.order_by("number").values_list("number", "content"))
    assert after[:3] == before


def test_restoring_is_in_the_audit_trail(saved_policy, editor):
    history.revision_restore(
        policy=saved_policy, revision=saved_policy.revisions.get(number=1), user=editor
    )
    assert AuditEvent.objects.get(policy=saved_policy, action="restore").detail == "#1"


def test_a_reviewer_cannot_restore(saved_policy, reviewer):
    with pytest.raises(PermissionDenied):
        history.revision_restore(
            policy=saved_policy, revision=saved_policy.revisions.get(number=1), user=reviewer
        )


def test_an_approved_policy_cannot_be_restored_in_place(saved_policy, editor):
    Policy.objects.filter(pk=saved_policy.pk).update(status=Policy.Status.APPROVED)
    with pytest.raises(PermissionDenied):
        history.revision_restore(
            policy=saved_policy, revision=saved_policy.revisions.get(number=1), user=editor
        )
    assert Revision.objects.filter(policy=saved_policy).count() == 3


def test_every_page_of_the_timeline_is_a_slice_of_one_sort_of_everything(saved_policy, editor):
    """Each page reads only the newest revisions and status changes it can need; together
    they are exactly one sort of all of them, newest first, whatever order the revisions were
    numbered in."""
    start = timezone.now() - datetime.timedelta(days=30)
    hours = iter((n * 37) % 500 for n in range(60))  # all different, in a jumbled order
    Revision.objects.filter(policy=saved_policy).delete()
    for number in range(1, 31):
        Revision.objects.create(
            policy=saved_policy,
            number=number,
            step="conduct",
            content=saved_policy.content,
            author=editor,
            created_at=start + datetime.timedelta(hours=next(hours)),
        )
    for n in range(30):
        AuditEvent.objects.create(
            organisation=saved_policy.organisation,
            policy=saved_policy,
            actor=editor,
            action=("submit", "save_step", "approve")[n % 3],
            created_at=start + datetime.timedelta(hours=next(hours)),
        )
    revisions = Revision.objects.filter(policy=saved_policy).values_list("created_at", "number")
    events = AuditEvent.objects.filter(
        policy=saved_policy, action__in=selectors.STATUS_ACTIONS
    ).values_list("created_at", "action")
    everything = sorted([*revisions, *events], key=lambda row: row[0], reverse=True)
    expected = [value for _created_at, value in everything]
    assert len(expected) == 50

    timeline = selectors.history_timeline(saved_policy)
    assert timeline.count() == 50
    for size in (1, 7, 25):
        pages = [timeline[start : start + size] for start in range(0, 50, size)]
        shown = [row.number or row.action for page in pages for row in page]
        assert shown == expected


def test_the_timeline_gives_aware_datetimes(saved_policy):
    rows = timeline_of(saved_policy)
    assert all(timezone.is_aware(row.created_at) for row in rows)
    assert rows[0].created_at == saved_policy.revisions.get(number=3).created_at
