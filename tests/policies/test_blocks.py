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
    guidance_for,
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

# A block's defaults may be longer in a sector with its own clauses (care's confidentiality,
# with the whistleblower line the law asks for); the whole page stays within the same budget.
BLOCK_WORD_BUDGET = 120
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
        default = dict(f.sector_defaults).get(sector, f.default)
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


@pytest.mark.parametrize("sector", SECTORS)
def test_guidance_has_two_to_six_short_paragraphs(sector) -> None:
    for block in BLOCKS:
        assert 2 <= len(guidance_for(block, sector)) <= 6, block.key
        for paragraph in guidance_for(block):
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
    guidance = guidance_for(block_by_key("productivity"))
    for lang in LANGUAGES:
        text = " ".join(paragraph[lang] for paragraph in guidance)
        for fact in ("WorkPlaceMedia", "2009", "43%", "78%"):
            assert fact in text, f"{lang}: {fact}"


@pytest.mark.parametrize(
    ("block", "facts"),
    [
        ("social_media", {"nl": ("7:660",), "en": ("7:660",)}),
        (
            "conduct",
            {
                "nl": ("Arbowet artikel 3", "285d", "UAVG artikel 5", "artikel 9 en 10"),
                "en": ("article 3", "285d", "UAVG article 5", "articles 9 and 10"),
            },
        ),
        (
            "productivity",
            {
                "nl": ("Bărbulescu", "2017", "onder l", "WMS artikel 12", "lid 3"),
                "en": ("Bărbulescu", "27(1)(l)", "WMS article 12", "27(3)"),
            },
        ),
        (
            "confidential",
            {
                "nl": (
                    "Wet bescherming klokkenluiders",
                    "18 februari 2023",
                    "50 of meer",
                    "2019/1937, artikel 15",
                    "7:457",
                    "Woo",
                    "Archiefwet",
                    "artikel 7 lid 5",
                ),
                "en": (
                    "Whistleblower Protection Act",
                    "18 February 2023",
                    "50 or more",
                    "2019/1937, Article 15",
                    "7:457",
                    "Woo",
                    "Archives Act",
                    "Article 7(5)",
                ),
            },
        ),
        (
            "authentic",
            {
                "nl": ("6:193g", "AI-verordening", "artikel 50 lid 4"),
                "en": ("6:193g", "AI Act", "Article 50(4)"),
            },
        ),
        ("audience", {"nl": ("7:611", "7:677", "7:678"), "en": ("7:611", "7:677", "7:678")}),
    ],
)
def test_guidance_names_the_legal_source_where_the_choice_is_made(block, facts) -> None:
    guidance = guidance_for(block_by_key(block))
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


def test_sector_defaults_are_options_offered_in_that_sector() -> None:
    for block in BLOCKS:
        for field in block.fields:
            for sector, default in field.sector_defaults:
                option = next(o for o in field.options if o.key == default)
                assert offered_in(option, sector), f"{block.key}.{field.key} {sector}"


def test_care_and_teaching_default_to_breaks_away_from_clients() -> None:
    working_hours = next(f for f in block_by_key("productivity").fields if f.key == "working_hours")
    defaults = dict(working_hours.sector_defaults)
    assert defaults == {
        "care": "breaks-not-in-front-of-clients",
        "education": "breaks-not-in-front-of-clients",
    }


def test_every_whistleblowing_wording_names_the_huis_and_going_public_first() -> None:
    clause = next(c for c in block_by_key("confidential").clauses if c.key == "whistleblowing")
    for text in clause_wordings(clause):
        assert "Huis voor Klokkenluiders" in text["nl"]
        assert "Whistleblowers Authority" in text["en"]
        assert "eerst online" in text["nl"] and "strenge voorwaarden" in text["nl"]
        assert "online first" in text["en"] and "strict" in text["en"]
        assert "toezichthouder" in text["nl"] and "regulator" in text["en"]


@pytest.mark.parametrize(
    "phrase",
    [
        "Krijg je er een van hen",
        "houdt je nooit tegen",
        "Gebruik daarvoor onze meldregeling",
        "kijkt niet mee",
        "fans",
        "personeelszaken",
    ],
)
def test_the_library_no_longer_prints_a_phrase_the_legal_review_rejected(phrase) -> None:
    for path, text in texts(BLOCKS):
        for lang in LANGUAGES:
            assert phrase not in text[lang], path


def test_the_consequences_close_the_last_block_and_are_on_by_default() -> None:
    last = BLOCKS[-1]
    consequences = next(c for c in last.clauses if c.key == "consequences")
    assert consequences.closing and consequences.default
    assert "op staande voet" in consequences.text["nl"]
    assert "summary dismissal" in consequences.text["en"]
    assert all(not c.closing for block in BLOCKS[:-1] for c in block.clauses)


def test_support_when_attacked_online_is_on_by_default() -> None:
    clause = next(c for c in block_by_key("conduct").clauses if c.key == "harassed-yourself")
    assert clause.default


@pytest.mark.parametrize(
    ("block", "clause"),
    [("authentic", "no-fake-reviews"), ("authentic", "say-where-you-work")],
)
def test_government_gets_no_business_clauses(block, clause) -> None:
    offered = [c.key for c in offered_clauses(block_by_key(block), "government")]
    assert clause not in offered


def test_guidance_for_one_sector_stays_with_that_sector() -> None:
    conduct = "\n".join(text["nl"] for text in guidance_for(block_by_key("conduct"), "care"))
    assert "De basis is eenvoudig" in conduct
    assert "leerlingen" not in conduct  # a school's pupils
    assert "ambtenaar" not in conduct.lower()  # a civil servant's oath
    school = "\n".join(text["nl"] for text in guidance_for(block_by_key("conduct"), "education"))
    assert "leerlingen" in school
    assert "ambtenaar" not in school.lower()
    secrecy = "\n".join(
        text["nl"] for text in guidance_for(block_by_key("confidential"), "business")
    )
    assert "beroepsgeheim" not in secrecy
    assert "Woo" not in secrecy
