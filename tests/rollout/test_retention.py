"""Acknowledgements of versions superseded long ago are purged; CSV cells never run formulas."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import acknowledge
from wizard.models import Acknowledgement, Policy
from wizard.policies.changes import block_changes, words_changed
from wizard.text import csv_safe


def superseded_days_ago(policy, days: int) -> None:
    Policy.objects.filter(pk=policy.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_purge_deletes_records_of_versions_superseded_long_ago(
    published, editor, settings, publish_new_version
):
    settings.ACKNOWLEDGEMENT_RETENTION_DAYS = 730
    acknowledge(published, name="Oud", email="oud@x.nl")
    newer = publish_new_version(published, editor)
    acknowledge(newer, name="Nieuw", email="nieuw@x.nl")
    superseded_days_ago(published, 731)
    call_command("purge_acknowledgements")
    assert list(Acknowledgement.objects.values_list("name", flat=True)) == ["Nieuw"]


def test_the_purge_keeps_records_of_versions_superseded_recently(
    published, editor, publish_new_version
):
    acknowledge(published, name="Oud", email="oud@x.nl")
    publish_new_version(published, editor)
    superseded_days_ago(published, 700)
    call_command("purge_acknowledgements")
    assert Acknowledgement.objects.filter(name="Oud").exists()


def test_the_purge_never_touches_the_published_version(published):
    acknowledge(published, name="Nu", email="nu@x.nl")
    superseded_days_ago(published, 5000)
    call_command("purge_acknowledgements", days=1)
    assert Acknowledgement.objects.exists()


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sanne", "Sanne"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, safe):
    assert csv_safe(value) == safe


def test_words_changed_counts_added_and_removed_words():
    assert words_changed("een twee drie", "een vier drie vijf") == (2, 1)


def test_block_changes_names_only_the_changed_blocks(policy):
    newer = {**policy.content, "conduct": {**policy.content["conduct"], "own_text": "Extra zin."}}
    changes = block_changes(policy, policy.content, newer)
    assert [(c.key, c.added, c.removed) for c in changes] == [("conduct", 2, 0)]
