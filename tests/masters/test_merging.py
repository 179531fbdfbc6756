"""The three-way merge of a master's update into a client's block."""

from __future__ import annotations

from wizard.masters.merging import merge_block, merge_text

BASE = {"clauses": ["a", "b"], "own_text": "Eerste regel.\nTweede regel.", "report_to": "HR"}


def test_a_part_the_client_did_not_change_takes_the_new_text():
    theirs = {**BASE, "own_text": "Eerste regel.\nNieuwe tweede regel."}
    result = merge_block(base=BASE, ours=dict(BASE), theirs=theirs, locked=frozenset())
    assert result.merged["own_text"] == "Eerste regel.\nNieuwe tweede regel."
    assert result.conflicts == {}


def test_a_locked_part_takes_the_new_text_over_the_clients():
    ours = {**BASE, "own_text": "Onze eigen tekst."}
    theirs = {**BASE, "own_text": "De nieuwe tekst van de master."}
    result = merge_block(base=BASE, ours=ours, theirs=theirs, locked=frozenset({"own_text"}))
    assert result.merged["own_text"] == "De nieuwe tekst van de master."
    assert result.conflicts == {}


def test_a_part_both_changed_is_a_conflict_with_both_sides():
    ours = {**BASE, "own_text": "Eerste regel.\nOnze tweede regel."}
    theirs = {**BASE, "own_text": "Eerste regel.\nDe tweede regel van de master."}
    result = merge_block(base=BASE, ours=ours, theirs=theirs, locked=frozenset())
    assert result.conflicts == {
        "own_text": {"ours": ours["own_text"], "theirs": theirs["own_text"]}
    }
    assert result.merged["own_text"] == ours["own_text"]


def test_changes_to_different_lines_combine():
    merged, conflict = merge_text(
        "Een.\nTwee.\nDrie.", "Een, aangepast.\nTwee.\nDrie.", "Een.\nTwee.\nDrie, nieuw."
    )
    assert (merged, conflict) == ("Een, aangepast.\nTwee.\nDrie, nieuw.", False)


def test_a_clause_the_master_adds_is_added_and_one_the_client_dropped_stays_out():
    ours = {**BASE, "clauses": ["a"]}
    theirs = {**BASE, "clauses": ["a", "b", "c"]}
    result = merge_block(base=BASE, ours=ours, theirs=theirs, locked=frozenset())
    assert result.merged["clauses"] == ["a", "c"]


def test_a_locked_clause_comes_back_even_if_the_client_dropped_it():
    ours = {**BASE, "clauses": ["a"]}
    result = merge_block(base=BASE, ours=ours, theirs=dict(BASE), locked=frozenset({"clause:b"}))
    assert result.merged["clauses"] == ["a", "b"]


def test_a_field_both_changed_differently_is_a_conflict():
    ours = {**BASE, "report_to": "De directeur"}
    theirs = {**BASE, "report_to": "De privacyfunctionaris"}
    result = merge_block(base=BASE, ours=ours, theirs=theirs, locked=frozenset())
    assert set(result.conflicts) == {"field:report_to"}
