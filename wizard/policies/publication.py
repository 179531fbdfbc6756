"""A published version, frozen: its composed text and its PDF, stored when it is published.

What staff read and confirm must stay what it was: the composed text depends on the app's
clause texts and the organisation's details and logo, which change later; the stored record
does not. The review workflow calls `publication_freeze` when it publishes and
`publication_supersede` when a version is replaced or archived; readers call
`published_document` and `published_pdf`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from wizard.organisations.models import Logo
from wizard.policies.document import PolicyDocument, Section, policy_document
from wizard.policies.models import Policy, Publication
from wizard.printing import ExportError, policy_pdf

logger = logging.getLogger(__name__)


def document_as_json(doc: PolicyDocument) -> dict:
    return dataclasses.asdict(doc)


def document_from_json(data: dict) -> PolicyDocument:
    fields = {f.name for f in dataclasses.fields(PolicyDocument)}
    values = {key: value for key, value in data.items() if key in fields}
    values["sections"] = tuple(
        Section(key=s["key"], heading=s["heading"], paragraphs=tuple(s["paragraphs"]))
        for s in data.get("sections", ())
    )
    values["labels"] = dict(data.get("labels") or {})
    return PolicyDocument(**values)


def document_fingerprint(data: dict) -> str:
    """SHA-256 of the composed text as canonical JSON."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def frozen_values(policy: Policy) -> dict:
    """What a publication of `policy` stores, composed and printed as it is now."""
    doc = policy_document(policy)
    data = document_as_json(doc)
    try:
        pdf = policy_pdf(doc)
    except ExportError:  # not one page: the staff PDF says so, as the export does
        logger.warning("Policy %s published without a PDF: it is not one page", policy.pk)
        pdf = b""
    logo = doc.logo_digest if Logo.objects.filter(digest=doc.logo_digest).exists() else None
    return {
        "organisation_id": policy.organisation_id,
        "version_label": policy.version_label,
        "document": data,
        "fingerprint": document_fingerprint(data),
        "text_html": render_to_string("print/_policy_text.html", {"doc": doc}),
        "pdf": pdf,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest() if pdf else "",
        "logo_id": logo,
    }


def publication_freeze(
    *, policy: Policy, replaced: list[Policy] | tuple = (), minor_correction: bool = False
) -> Publication:
    """Store `policy`'s composed text and PDF as published now; the versions it replaces stop
    being current (a `minor_correction` of them keeps their confirmations valid). A policy
    published once keeps its first record."""
    now = timezone.now()
    Publication.objects.filter(policy__in=replaced, superseded_at=None).update(superseded_at=now)
    existing = Publication.objects.filter(policy=policy).first()
    if existing is not None:
        return existing
    return Publication.objects.create(
        policy=policy,
        published_at=now,
        minor_correction=minor_correction,
        **frozen_values(policy),
    )


def publication_supersede(*, policy: Policy) -> None:
    """`policy` is no longer the current version (archived)."""
    Publication.objects.filter(policy=policy, superseded_at=None).update(
        superseded_at=timezone.now()
    )


def publication_of(policy: Policy) -> Publication | None:
    try:
        return policy.publication
    except Publication.DoesNotExist:
        return None


def published_document(policy: Policy) -> PolicyDocument:
    """The text staff read: the frozen one, or (never published) the text composed now."""
    publication = publication_of(policy)
    if publication is None:
        return policy_document(policy)
    return document_from_json(publication.document)


def published_text_html(policy: Policy) -> SafeString | str:
    """The published text as stored HTML for print/_policy_body.html, or "" when there is none
    (never published, or published before the text was stored): the template composes it."""
    publication = publication_of(policy)
    if publication is None or not publication.text_html:
        return ""
    # Rendered by our own template with every value autoescaped, when it was published.
    return mark_safe(publication.text_html)  # noqa: S308 - rendered by our autoescaping template


def published_pdf(policy: Policy) -> bytes:
    """The PDF staff download: the stored bytes; raises ExportError if there are none."""
    publication = publication_of(policy)
    if publication is None:
        return policy_pdf(policy_document(policy))
    if not publication.pdf:
        return policy_pdf(document_from_json(publication.document))
    return bytes(publication.pdf)
