"""The export formats, and the policy as a file in one of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from wizard.exports.markdown import render_markdown
from wizard.exports.word import render_docx
from wizard.policies.publication import published_document, published_pdf
from wizard.printing import one_page_fit, policy_html


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "pdf": ExportFormat("pdf", "application/pdf"),
    "docx": ExportFormat(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "html": ExportFormat("html", "text/html; charset=utf-8"),
    "md": ExportFormat("md", "text/markdown; charset=utf-8"),
}


def policy_export_file(policy, fmt: str) -> bytes:
    """The policy as a file in `fmt`; every format refuses a policy that is not one page."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format: {fmt!r}")
    # A published (or once published) version exports as it was frozen when it was published.
    doc = published_document(policy)
    if fmt == "pdf":
        return published_pdf(policy)
    if fmt == "html":
        return policy_html(doc).encode("utf-8")
    one_page_fit(doc)  # Word and Markdown refuse, like the PDF, what is not one page
    if fmt == "docx":
        return render_docx(doc)
    return render_markdown(doc).encode("utf-8")


def export_filename(policy, extension: str, document: str = "") -> str:
    """ASCII-only, never empty, at most 100 characters: organisation_title_date.extension; for
    a document about the policy, what it is in the title's place, in the page's language
    ("voorbeeld-zorg-bv_instemmingsverzoek_2026-12-06.pdf")."""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:5] or "bin"
    organisation = slugify(policy.organisation.name)[:40].strip("-") or "organisation"
    title = slugify(document or policy.title)[:40].strip("-") or "policy"
    return f"{organisation}_{title}_{timezone.localdate().isoformat()}.{extension}"
