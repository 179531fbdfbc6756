"""The PDF is tagged for screen readers: a structure tree, the language and the title."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.factories import PolicyFactory
from wizard.policies.document import policy_document
from wizard.printing import policy_pdf


def reader_of(policy) -> PdfReader:
    return PdfReader(io.BytesIO(policy_pdf(policy_document(policy))))


def test_the_pdf_has_a_structure_tree(policy):
    root = reader_of(policy).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_the_pdf_carries_the_policy_language(organisation):
    policy = PolicyFactory(organisation=organisation, language="en", title="Social media policy")
    assert reader_of(policy).trailer["/Root"]["/Lang"] == "en"


def test_the_pdf_carries_the_title_and_shows_it(policy):
    reader = reader_of(policy)
    assert reader.metadata.title.startswith("Social-mediabeleid")
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_the_tagged_pdf_is_still_one_page(policy):
    assert len(reader_of(policy).pages) == 1
