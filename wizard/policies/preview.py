"""The live preview and page meter: the policy as it prints, and how full its one page is."""

from __future__ import annotations

from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.document import PolicyDocument, policy_document
from wizard.policies.readability import READABILITY_FORMULA, readability
from wizard.printing import policy_preview
from wizard.text import interface_language, text_in


def page_preview(
    policy,
    content: dict | None = None,
    step: str | None = None,
    *,
    document: PolicyDocument | None = None,
) -> dict:
    """The live preview and page meter of `policy` (with unsaved `content`, when given, or
    its `document` when already composed), as the step and review templates show them; on a
    step, also the readability of what that block prints.

    The policy's body comes from the shared cache with its fit; the body of unsaved `content`
    (the live preview) is rendered but not kept."""
    document = document or policy_document(policy, content)
    fit, body = policy_preview(document, keep=content is None)
    ui = interface_language()
    context = {
        "doc": document,
        "policy_body": body,
        "fit": fit,
        "fit_longest_titles": [text_in(BLOCKS_BY_KEY[key].title, ui) for key in fit.longest[:2]],
    }
    if step is not None:
        section = next((s for s in document.sections if s.key == step), None)
        text = "\n".join(section.paragraphs) if section else ""
        context["readability"] = readability(text, document.language)
        context["readability_formula"] = READABILITY_FORMULA[document.language]
    return context
