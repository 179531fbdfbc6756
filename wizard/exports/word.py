"""The policy as a Word document HR can edit: the same content, real heading styles."""

from __future__ import annotations

import contextlib
import io
import re

from django.utils import timezone

from wizard.policies.document import PolicyDocument
from wizard.printing import logo_image, safe_brand_colour

# Characters XML 1.0 cannot hold; python-docx refuses them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def meta_line(doc: PolicyDocument) -> str:
    parts = []
    if doc.effective_date:
        parts.append(f"{doc.labels['effective_date']}: {doc.effective_date}")
    if doc.version_label:
        parts.append(f"{doc.labels['version']} {doc.version_label}")
    return " · ".join(parts)


def review_line(doc: PolicyDocument) -> str:
    if not doc.next_review_date:
        return ""
    return f"{doc.labels['next_review']}: {doc.next_review_date}"


WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def render_docx(doc: PolicyDocument) -> bytes:
    """A Word document HR can edit: the same content, with real Heading 1 and 2 styles."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.image.exceptions import UnrecognizedImageError
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Cm, Pt, RGBColor

    brand = RGBColor.from_string(safe_brand_colour(doc.brand_colour)[1:].upper())
    grey = RGBColor(0x5B, 0x65, 0x70)
    language = WORD_LANGUAGES.get(doc.language, "nl-NL")
    word = Document()

    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.7), Cm(1.8)

    # Spelling and grammar checks in the policy's language.
    run_defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    run_properties = run_defaults.find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)

    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 20), ("Heading 2", 12)):
        style = word.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = brand if name == "Heading 2" else RGBColor(0x1D, 0x23, 0x2A)
        style.paragraph_format.space_before = Pt(10 if name == "Heading 2" else 2)
        style.paragraph_format.space_after = Pt(3)

    logo = logo_image(doc)
    if logo is not None:
        with contextlib.suppress(UnrecognizedImageError, OSError, ValueError):
            word.add_picture(io.BytesIO(logo.png), height=Cm(1.5))

    organisation = word.add_paragraph()
    run = organisation.add_run(_xml_text(doc.organisation_name).upper())
    run.bold = True
    run.font.size = Pt(8.5)
    run.font.color.rgb = brand
    organisation.paragraph_format.space_after = Pt(0)

    word.add_heading(_xml_text(doc.title), level=1)
    if meta := meta_line(doc):
        run = word.add_paragraph().add_run(_xml_text(meta))
        run.font.size = Pt(9)
        run.font.color.rgb = grey
    if doc.intro:
        word.add_paragraph().add_run(_xml_text(doc.intro)).italic = True

    for policy_section in doc.sections:
        word.add_heading(_xml_text(policy_section.heading), level=2)
        for paragraph in policy_section.paragraphs:
            # python-docx turns "\n" into a line break within the paragraph.
            word.add_paragraph(_xml_text(paragraph))

    if doc.contact_line:
        contact = word.add_paragraph()
        contact.paragraph_format.space_before = Pt(10)
        contact.add_run(_xml_text(doc.contact_line)).bold = True
    if review := review_line(doc):
        run = word.add_paragraph().add_run(_xml_text(review))
        run.font.color.rgb = grey
    if doc.adoption_line:
        run = word.add_paragraph().add_run(_xml_text(doc.adoption_line))
        run.font.color.rgb = grey

    footer = section.footer.paragraphs[0]
    footer_run = footer.add_run(_xml_text(doc.footer))
    footer_run.font.size = Pt(7.5)
    footer_run.font.color.rgb = grey

    properties = word.core_properties
    properties.title = _xml_text(doc.title)
    properties.language = language
    properties.author = _xml_text(doc.organisation_name)
    properties.last_modified_by = ""
    properties.comments = ""
    properties.created = properties.modified = timezone.now()
    properties.revision = 1

    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
