"""The standalone printable HTML page: print CSS inlined, logo embedded, user text escaped."""

from __future__ import annotations

import dataclasses

from wizard.policies.blocks import BLOCKS
from wizard.policies.document import policy_document
from wizard.printing import (
    DEFAULT_BRAND_COLOUR,
    policy_html,
)


def test_html_export_is_a_standalone_page_with_inline_css(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    html = policy_html(policy_document(policy))
    assert html.startswith("<!DOCTYPE html>")
    assert ".policy-section-heading" in html
    assert "<link" not in html
    assert 'src="data:image/png;base64,' in html


def test_html_export_escapes_user_text(policy):
    policy.title = '<script>alert("x")</script>'
    html = policy_html(policy_document(policy))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_html_export_uses_the_policy_language(policy):
    html = policy_html(policy_document(policy))
    assert '<html lang="nl"' in html
    assert all(block.title["nl"] in html for block in BLOCKS)


def test_brand_colour_reaches_the_print_template_only_as_hex(policy):
    policy.organisation.brand_colour = "#8B1F4A"
    html = policy_html(policy_document(policy))
    assert "--policy-brand: #8B1F4A;" in html


def test_invalid_brand_colour_falls_back_to_the_default(policy):
    doc = dataclasses.replace(policy_document(policy), brand_colour="red; background:url(http://x)")
    assert f"--policy-brand: {DEFAULT_BRAND_COLOUR};" in policy_html(doc)
