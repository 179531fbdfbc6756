"""Content checks for the building blocks: structure, both languages, the one-page budget.

Plain Python only, so these run without Django settings.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Iterator

import pytest

from wizard.policies.blocks import (
    BLOCKS,
    BLOCKS_BY_KEY,
    FACTS,
    LANGUAGES,
    PLACEHOLDERS,
    SECTORS,
    Block,
    BlockField,
    always_clauses,
    block_by_key,
    clause_text,
    offered_clauses,
    offered_in,
)

# Realistic fill-ins, so the word count reflects a printed policy.
SAMPLE = {
    "organisation": "Zorggroep De Linde",
    "contact_person": "Anna de Vries",
    "contact_email": "anna@delinde.nl",
    "clients": "cliënten en patiënten",
    "privacy_contact": "Pieter de Privacyfunctionaris",
    "press_contact": "de afdeling Communicatie",
}
ALL_FACTS = frozenset(FACTS)
AND = {"nl": "en", "en": "and"}

# A block's defaults may be longer in a sector with its own clauses (care's confidentiality);
# the whole page stays within the same budget as before the intake.
BLOCK_WORD_BUDGET = 95
TOTAL_WORD_BUDGET = 450
CLAUSE_WORD_LIMIT = 30
GUIDANCE_WORD_LIMIT = 60


def join_items(items: list[str], lang: str) -> str:
    """Join as "A, B en C" / "A, B and C", the way the policy text lists items."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def field_sentence(field: BlockField, value: object, lang: str) -> str:
    """The policy sentence a field produces for a value; empty when the value is empty."""
    if not value:
        return ""
    if field.kind == "single":
        option = next(o for o in field.options if o.key == value)
        assert option.text is not None
        return option.text[lang].format(**SAMPLE)
    if field.kind == "multi":
        labels = [o.label[lang].format(**SAMPLE) for o in field.options if o.key in value]
        return field.sentence[lang].format(value=join_items(labels, lang))
    if field.kind == "lines":
        return field.sentence[lang].format(value=join_items(list(value), lang))
    return field.sentence[lang].format(value=value)


def default_text(block: Block, lang: str, sector: str = "care", facts=ALL_FACTS) -> str:
    """Default clauses of the sector, the always-printed ones and the sentences of the default
    field values, placeholders filled."""
    clauses = [c for c in offered_clauses(block, sector) if c.default] + list(always_clauses(block))
    parts = [clause_text(c, facts)[lang].format(**SAMPLE) for c in clauses]
    for f in block.fields:
        default = f.default
        if f.kind == "multi":
            default = [
                k for k in default if offered_in(next(o for o in f.options if o.key == k), sector)
            ]
        parts.append(field_sentence(f, default, lang))
    return " ".join(p for p in parts if p)


def words(text: str) -> int:
    return len(text.split())


def texts(obj: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Yield (path, value) for every Text (dict) anywhere inside the dataclasses."""
    if isinstance(obj, dict):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from texts(item, f"{path}[{i}]")


def placeholder_names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_are_six_blocks_in_the_required_order() -> None:
    assert [b.key for b in BLOCKS] == [
        "social_media",
        "conduct",
        "authentic",
        "productivity",
        "confidential",
        "audience",
    ]


def test_blocks_by_key_matches_blocks() -> None:
    assert list(BLOCKS_BY_KEY.values()) == list(BLOCKS)


def test_block_by_key_returns_the_block() -> None:
    assert block_by_key("productivity").title["en"] == "Productivity"


def test_block_by_key_raises_key_error_for_unknown_key() -> None:
    with pytest.raises(KeyError):
        block_by_key("nope")


def test_every_text_has_both_languages_filled_in() -> None:
    """Only the unused sentence of a single-choice field may be empty, in both languages."""
    for block in BLOCKS:
        for path, text in texts(block):
            assert set(text) == set(LANGUAGES), f"{block.key}{path}"
            single_sentence = path.endswith(".sentence") and text == {"nl": "", "en": ""}
            if not single_sentence:
                assert all(text[lang].strip() for lang in LANGUAGES), f"{block.key}{path}"


def test_only_single_fields_have_an_empty_sentence() -> None:
    for block in BLOCKS:
        for field in block.fields:
            if field.kind != "single":
                assert "{value}" in field.sentence["nl"], f"{block.key}.{field.key}"
                assert "{value}" in field.sentence["en"], f"{block.key}.{field.key}"


def test_field_sentences_use_only_the_value_placeholder() -> None:
    for block in BLOCKS:
        for field in block.fields:
            for lang in LANGUAGES:
                assert placeholder_names(field.sentence[lang]) <= {"value"}, field.key


def test_each_block_offers_five_to_twelve_clauses_in_every_sector() -> None:
    for block in BLOCKS:
        for sector in SECTORS:
            assert 5 <= len(offered_clauses(block, sector)) <= 12, f"{block.key} {sector}"


def test_clause_keys_are_unique_within_a_block() -> None:
    for block in BLOCKS:
        keys = [c.key for c in block.clauses]
        assert len(keys) == len(set(keys)), block.key


def test_each_block_has_a_default_clause() -> None:
    for block in BLOCKS:
        assert any(c.default for c in block.clauses), block.key


def clause_wordings(clause) -> list:
    return [clause.text, *(text for _fact, text in clause.variants)]


def test_clauses_use_only_known_placeholders() -> None:
    for block in BLOCKS:
        for clause in block.clauses:
            for text in clause_wordings(clause):
                for lang in LANGUAGES:
                    names = placeholder_names(text[lang])
                    assert names <= set(PLACEHOLDERS), f"{block.key}.{clause.key}: {names}"


def test_variants_depend_on_known_facts() -> None:
    for block in BLOCKS:
        for clause in block.clauses:
            assert {fact for fact, _text in clause.variants} <= set(FACTS), clause.key


def test_sector_clauses_and_options_name_known_sectors() -> None:
    for block in BLOCKS:
        for clause in block.clauses:
            assert clause.sectors <= set(SECTORS), clause.key
        for field in block.fields:
            for option in field.options:
                assert option.sectors <= set(SECTORS), option.key


def test_each_clause_is_at_most_thirty_words() -> None:
    for block in BLOCKS:
        for clause in block.clauses:
            for text in clause_wordings(clause):
                for lang in LANGUAGES:
                    count = words(text[lang].format(**SAMPLE))
                    assert count <= CLAUSE_WORD_LIMIT, f"{block.key}.{clause.key} {lang}"


@pytest.mark.parametrize("sector", SECTORS)
def test_default_text_of_each_block_fits_its_word_budget(sector) -> None:
    for block in BLOCKS:
        for lang in LANGUAGES:
            count = words(default_text(block, lang, sector))
            assert count <= BLOCK_WORD_BUDGET, f"{block.key} {lang}: {count}"


@pytest.mark.parametrize("sector", SECTORS)
def test_whole_default_policy_fits_the_word_budget(sector) -> None:
    for lang in LANGUAGES:
        total = sum(words(default_text(block, lang, sector)) for block in BLOCKS)
        assert total <= TOTAL_WORD_BUDGET, f"{lang}: {total}"


def test_guidance_has_two_to_six_short_paragraphs() -> None:
    for block in BLOCKS:
        assert 2 <= len(block.guidance) <= 6, block.key
        for paragraph in block.guidance:
            for lang in LANGUAGES:
                count = words(paragraph[lang])
                assert count <= GUIDANCE_WORD_LIMIT, f"{block.key} {lang}: {count}"


def test_field_keys_are_unique_and_not_reserved() -> None:
    for block in BLOCKS:
        keys = [f.key for f in block.fields]
        assert len(keys) == len(set(keys)), block.key
        assert not {"clauses", "own_text"} & set(keys), block.key


def test_field_kinds_are_known() -> None:
    for block in BLOCKS:
        for field in block.fields:
            assert field.kind in {"multi", "single", "line", "lines"}, field.key


def test_single_fields_have_a_sentence_per_option_and_a_valid_default() -> None:
    for block in BLOCKS:
        for field in block.fields:
            if field.kind == "single":
                assert all(o.text is not None for o in field.options), field.key
                assert field.default in {o.key for o in field.options}, field.key


def test_multi_defaults_are_option_keys() -> None:
    for block in BLOCKS:
        for field in block.fields:
            if field.kind == "multi":
                assert isinstance(field.default, list), field.key
                assert set(field.default) <= {o.key for o in field.options}, field.key


def test_option_keys_are_unique_within_a_field() -> None:
    for block in BLOCKS:
        for field in block.fields:
            keys = [o.key for o in field.options]
            assert len(keys) == len(set(keys)), f"{block.key}.{field.key}"


def test_line_defaults_are_strings_and_lines_defaults_are_lists() -> None:
    for block in BLOCKS:
        for field in block.fields:
            if field.kind == "line":
                assert isinstance(field.default, str), field.key
            if field.kind == "lines":
                assert isinstance(field.default, list), field.key


def test_field_max_lengths_stay_within_the_page_budget() -> None:
    limits = {"line": 150, "lines": 300}
    for block in BLOCKS:
        for field in block.fields:
            if field.kind in limits:
                assert field.max_length <= limits[field.kind], f"{block.key}.{field.key}"


def test_own_text_limit_is_between_400_and_700_characters() -> None:
    for block in BLOCKS:
        assert 400 <= block.max_chars <= 700, block.key


def test_required_block_fields_exist() -> None:
    expected = {
        "social_media": {"platforms": "multi"},
        "conduct": {"core_values": "lines", "report_to": "line"},
        "authentic": {"disclosure_line": "line", "spokespeople": "line"},
        "productivity": {"working_hours": "single", "work_roles": "multi"},
        "confidential": {"categories": "multi", "ask_person": "line"},
        "audience": {"audiences": "multi"},
    }
    for key, fields in expected.items():
        kinds = {f.key: f.kind for f in block_by_key(key).fields}
        assert fields.items() <= kinds.items(), key


def test_productivity_guidance_cites_the_workplacemedia_figures_in_both_languages() -> None:
    guidance = block_by_key("productivity").guidance
    for lang in LANGUAGES:
        text = " ".join(paragraph[lang] for paragraph in guidance)
        for fact in ("WorkPlaceMedia", "2009", "43%", "78%"):
            assert fact in text, f"{lang}: {fact}"


@pytest.mark.parametrize(
    ("block", "facts"),
    [
        ("conduct", {"nl": ("7:611", "27 lid 1 onder d", "onder k"), "en": ("7:611", "27(1)(d)")}),
        (
            "productivity",
            {"nl": ("Bărbulescu", "2017", "onder l"), "en": ("Bărbulescu", "27(1)(l)")},
        ),
        (
            "confidential",
            {
                "nl": ("Wet bescherming klokkenluiders", "18 februari 2023", "50 of meer"),
                "en": ("Whistleblower Protection Act", "18 February 2023", "50 or more"),
            },
        ),
        ("authentic", {"nl": ("AI-verordening", "artikel 50"), "en": ("AI Act", "Article 50")}),
    ],
)
def test_guidance_names_the_legal_source_where_the_choice_is_made(block, facts) -> None:
    guidance = block_by_key(block).guidance
    for lang in LANGUAGES:
        text = " ".join(paragraph[lang] for paragraph in guidance)
        for fact in facts[lang]:
            assert fact in text, f"{block} {lang}: {fact}"


def test_the_whistleblower_safeguard_is_always_printed_and_never_a_choice() -> None:
    always = [c.key for block in BLOCKS for c in always_clauses(block)]
    assert always == ["whistleblowing"]
    for sector in SECTORS:
        offered = [c.key for c in offered_clauses(block_by_key("confidential"), sector)]
        assert "whistleblowing" not in offered
