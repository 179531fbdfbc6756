"""The consent request as PDF and Word, and the evidence pack of a published version (a zip).

The request prints in the policy's language through WeasyPrint with the app's one safe URL
fetcher (wizard/printing/fetcher.py): it reaches our static files and nothing else.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from weasyprint import HTML

from wizard.consent.models import ConsentDossier
from wizard.consent.services import body_noun
from wizard.policies.consent import consent_needed
from wizard.policies.models import AuditEvent, Policy
from wizard.printing.fetcher import URL_FETCHER
from wizard.rollout import selectors as rollout_selectors
from wizard.rollout.spreadsheet import xlsx_workbook

# Characters XML 1.0 cannot hold; python-docx refuses them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class RequestSection:
    heading: str
    text: str


def request_sections(dossier: ConsentDossier) -> list[RequestSection]:
    """The request's parts with their headings, in the active language."""
    sections = [
        RequestSection(_("The proposed decision"), dossier.proposed_decision),
        RequestSection(_("The reasons"), dossier.reasons),
        RequestSection(_("The consequences for staff"), dossier.consequences),
    ]
    return sections


def decision_sections(dossier: ConsentDossier) -> list[RequestSection]:
    """The meeting and the decision, when recorded, in the active language."""
    sections = []
    if dossier.meeting_on:
        text = date_format(dossier.meeting_on, "DATE_FORMAT")
        if dossier.meeting_notes:
            text += f"\n{dossier.meeting_notes}"
        sections.append(RequestSection(_("Consultation meeting"), text))
    if dossier.decision and dossier.decided_on:
        text = f"{dossier.get_decision_display()}, {date_format(dossier.decided_on, 'DATE_FORMAT')}"
        if dossier.conditions:
            text += f"\n{dossier.conditions}"
        sections.append(RequestSection(_("Decision"), text))
    if dossier.override_reason:
        sections.append(
            RequestSection(_("Published without consent, because"), dossier.override_reason)
        )
    return sections


def request_context(dossier: ConsentDossier) -> dict:
    policy = dossier.policy
    return {
        "title": _("Consent request"),
        "policy": policy,
        "to": body_noun(policy),
        "sections": request_sections(dossier),
        "record": decision_sections(dossier),
    }


def request_pdf(dossier: ConsentDossier) -> bytes:
    with translation.override(dossier.policy.language):
        html = render_to_string("consent/request_print.html", request_context(dossier))
    return HTML(string=html, url_fetcher=URL_FETCHER).write_pdf()


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def request_docx(dossier: ConsentDossier) -> bytes:
    policy = dossier.policy
    with translation.override(policy.language):
        context = request_context(dossier)
        word = Document()
        word.add_heading(_xml_text(f"{context['title']}: {policy.title}"), level=1)
        to = _("To")
        word.add_paragraph(_xml_text(f"{policy.organisation.name} · {to}: {context['to']}"))
        for section in context["sections"] + context["record"]:
            word.add_heading(_xml_text(section.heading), level=2)
            for line in section.text.splitlines() or [""]:
                word.add_paragraph(_xml_text(line))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --- The evidence pack ----------------------------------------------------------------------


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        # A cell starting with = + - @ would be a formula in a spreadsheet.
        writer.writerow(["'" + c if str(c)[:1] in ("=", "+", "-", "@") else c for c in row])
    # With a BOM, so Excel reads the UTF-8 names right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def register_rows(policy: Policy) -> list[list[str]]:
    rows = [
        [_("Version"), _("Name"), _("E-mail"), _("Confirmed"), _("How"), _("SHA-256 of the PDF")]
    ]
    for round_ in rollout_selectors.register(policy):
        if round_.policy.pk != policy.pk:
            continue
        for record in round_.acknowledgements:
            confirmed = timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M")
            rows.append(
                [
                    record.version_label,
                    record.name,
                    record.email,
                    confirmed,
                    record.get_method_display(),
                    record.pdf_sha256,
                ]
            )
        for member in round_.pending:
            rows.append([policy.version_label, member.name, member.email, _("not yet"), "", ""])
    return rows


def audit_rows(policy: Policy) -> list[list[str]]:
    rows = [[_("When"), _("Who"), _("What"), _("Detail")]]
    events = (
        AuditEvent.objects.filter(policy=policy)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    for event in events:
        rows.append(
            [
                timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor.username if event.actor else "",
                event.get_action_display(),
                event.detail,
            ]
        )
    return rows


def summary_text(policy: Policy, dossier: ConsentDossier | None) -> str:
    publication = policy.publication
    # Labels as plain gettext calls: makemessages does not find one inside an f-string.
    facts = [
        (_("Policy"), policy.title),
        (_("Organisation"), policy.organisation.name),
        (_("Version"), publication.version_label),
        (_("Published"), f"{timezone.localtime(publication.published_at):%Y-%m-%d %H:%M}"),
        (_("SHA-256 of the PDF"), publication.pdf_sha256),
        (_("Consent needed"), _("yes") if consent_needed(policy) else _("no")),
    ]
    lines = [_("Evidence pack"), "", *(f"{label}: {value}" for label, value in facts)]
    if dossier is not None:
        for section in decision_sections(dossier):
            lines.append(f"{section.heading}: {section.text}")
        if dossier.override_reason:
            lines.append(
                _(
                    "Without the consent that is needed, the decision can be declared void "
                    "(WOR art. 27 lid 5)."
                )
            )
    lines += [
        "",
        _("Contents"),
        "policy.pdf, policy.pdf.sha256, consent-request.pdf, consent-dossier.txt,",
        "acknowledgements.csv, acknowledgements.xlsx, audit-trail.csv, summary.txt",
    ]
    return "\n".join(lines) + "\n"


def dossier_text(dossier: ConsentDossier) -> str:
    parts = [_("Consent request"), ""]
    for section in request_sections(dossier) + decision_sections(dossier):
        parts += [section.heading, section.text, ""]
    return "\n".join(parts)


def evidence_pack(policy: Policy, dossier: ConsentDossier | None) -> bytes:
    """One zip for a published version: the frozen PDF and its SHA-256, the consent dossier,
    the acknowledgement register, the audit trail and a summary. In the interface language,
    except the request itself, which is in the policy's."""
    publication = policy.publication
    pdf = bytes(publication.pdf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("policy.pdf", pdf)
        digest = publication.pdf_sha256 or hashlib.sha256(pdf).hexdigest()
        pack.writestr("policy.pdf.sha256", f"{digest}  policy.pdf\n")
        if dossier is not None and dossier.pk:
            pack.writestr("consent-request.pdf", request_pdf(dossier))
            with translation.override(policy.language):
                pack.writestr("consent-dossier.txt", dossier_text(dossier))
        register = register_rows(policy)
        pack.writestr("acknowledgements.csv", _csv_bytes(register))
        pack.writestr("acknowledgements.xlsx", xlsx_workbook(register, title=_("Acknowledgements")))
        pack.writestr("audit-trail.csv", _csv_bytes(audit_rows(policy)))
        pack.writestr("summary.txt", summary_text(policy, dossier))
    return out.getvalue()
