from __future__ import annotations

from tests.factories import OrganisationFactory, PolicyFactory
from wizard.policies.document import clean_text, fill, join_items, policy_document


def test_fill_does_not_double_the_full_stop_after_a_name_ending_in_one():
    assert fill("Werk je bij {organisation}.", {"organisation": "Zorg B.V."}) == (
        "Werk je bij Zorg B.V."
    )


def test_fill_never_interprets_the_value_as_a_template():
    assert fill("{organisation}", {"organisation": "{contact_person.__class__}"}) == (
        "{contact_person.__class__}"
    )


def test_join_items_uses_the_language_of_the_policy():
    assert join_items(["A", "B", "C"], "nl") == "A, B en C"
    assert join_items(["A", "B"], "en") == "A and B"


def test_clean_text_keeps_emoji_sequences_and_diacritics():
    family = "👩\u200d👩\u200d👧"
    assert clean_text(f"één {family}\x00") == f"één {family}"


def test_clean_text_removes_bidi_overrides():
    assert clean_text("abc\u202edef\u2066") == "abcdef"


def test_an_english_policy_is_composed_in_english(db):
    policy = PolicyFactory(language="en", organisation=OrganisationFactory(name="Acme"))
    document = policy_document(policy)
    assert document.sections[0].heading == "What social media are"
    assert "Acme" in document.intro


def test_own_words_become_paragraphs_after_the_clauses(db):
    policy = PolicyFactory()
    policy.content["conduct"]["own_text"] = "Eerste alinea.\n\nTweede alinea."
    document = policy_document(policy)
    assert document.sections[1].paragraphs[-2:] == ("Eerste alinea.", "Tweede alinea.")


def test_the_consequences_end_the_policy_after_the_own_words(db):
    policy = PolicyFactory()
    policy.content["audience"]["own_text"] = "Eigen woorden."
    paragraphs = policy_document(policy).sections[-1].paragraphs
    assert paragraphs[-2] == "Eigen woorden."
    assert paragraphs[-1].startswith("Overtreed je dit beleid?")
