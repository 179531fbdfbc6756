"""Markup typed into any text field is shown as text everywhere and never runs.

A consultant creates a client organisation, starts a policy and fills in every text field the
product has (derived from the block definitions and the forms, so a new field is covered
without editing this file) with one hostile payload. Then every place that shows it is read:
the pages, the live preview, the admin, and each export.
"""

from __future__ import annotations

import io
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from tests.factories import (
    INTAKE_ANSWERS,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    form_data,
    step_overrides,
    step_url,
    text_form_fields,
)
from wizard.models import Membership, Policy
from wizard.organisations.forms import OrganisationForm
from wizard.policies.blocks import BLOCKS
from wizard.policies.forms import DetailsForm
from wizard.policies.steps import STEP_KEYS

PAYLOADS = [
    "<script>alert('pb')</script>",
    '"><img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert('pb')\">click</a>",
    "<svg/onload=alert(1)><style>*{color:red}</style>",
    # Template and format-string syntax must stay text too, never be filled in.
    "{{ request.user }} {% now 'Y' %} {organisation} {0.__class__}",
]


def fill_every_text_field(client: Client, payload: str) -> Policy:
    """As a consultant, through the real forms: organisation, new policy, six steps, details."""
    organisation_data = {"policy_language": "nl", "brand_colour": "#1f5f8b", **INTAKE_ANSWERS}
    for name, max_length in text_form_fields(OrganisationForm).items():
        organisation_data[name] = payload[:max_length]
    response = client.post(reverse("organisation_new"), organisation_data)
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse("policy_new"), {"title": payload[:120], "language": "nl"})
    assert response.status_code == 302
    policy = Policy.objects.latest("pk")
    for block in BLOCKS:
        data = form_data(policy, block.key, **step_overrides(block, payload))
        response = client.post(step_url(policy, block.key), data)
        assert response.status_code == 302, response.context["form"].errors
    details = {
        "language": "nl",
        "effective_date": "",
        "next_review_date": "",
        "contact_email": "",
        "base_hash": "",
    }
    for name, max_length in text_form_fields(DetailsForm).items():
        details[name] = payload[:max_length]
    response = client.post(reverse("policy_review", kwargs={"pk": policy.pk}), details)
    assert response.status_code == 302, response.context["form"].errors
    policy.refresh_from_db()
    return policy


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def file_bytes(response) -> bytes:
    return response.content


@pytest.fixture(scope="module", params=PAYLOADS, ids=range(len(PAYLOADS)))
def shown(request, django_db_setup, django_db_blocker):
    """Everything that shows the payload, gathered once per payload and rolled back."""
    payload = request.param
    result: dict = {"payload": payload, "pages": {}}
    with django_db_blocker.unblock(), transaction.atomic():
        consultant = MembershipFactory(
            organisation=OrganisationFactory(), role=Membership.Role.CONSULTANT
        ).user
        client = Client()
        client.force_login(consultant)
        policy = fill_every_text_field(client, payload)
        result["stored"] = {
            "organisation": {
                name: getattr(policy.organisation, name)
                for name in text_form_fields(OrganisationForm)
            },
            "details": {name: getattr(policy, name) for name in text_form_fields(DetailsForm)},
            "content": policy.content,
        }
        pages = result["pages"]
        pages["dashboard"] = client.get(reverse("dashboard") + "?overview")
        for step in STEP_KEYS:
            pages[f"step {step}"] = client.get(step_url(policy, step))
        pages["review"] = client.get(reverse("policy_review", kwargs={"pk": policy.pk}))
        preview = client.post(
            reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"}),
            form_data(policy, "conduct"),
        )
        result["preview"] = preview.json()["html"]
        exports = {}
        for fmt in ("pdf", "html", "md", "docx"):
            url = reverse("policy_export", kwargs={"pk": policy.pk, "fmt": fmt})
            exports[fmt] = client.get(url)
        result["exports"] = exports

        admin = Client()
        admin.force_login(UserFactory(is_staff=True, is_superuser=True))
        admin_pages = {
            "policy list": "/admin/wizard/policy/",
            "policy": f"/admin/wizard/policy/{policy.pk}/change/",
            "organisation list": "/admin/wizard/organisation/",
            "organisation": f"/admin/wizard/organisation/{policy.organisation.pk}/change/",
            "revision list": "/admin/wizard/revision/",
        }
        result["admin"] = {name: admin.get(url) for name, url in admin_pages.items()}
        transaction.set_rollback(True)
    return result


def shows_literally(html: str, payload: str) -> bool:
    return escape(payload) in html and ("<" not in payload or payload not in html)


def test_every_text_field_stores_the_payload_as_typed(shown):
    payload = shown["payload"]
    stored = shown["stored"]
    for form_class, key in ((OrganisationForm, "organisation"), (DetailsForm, "details")):
        for name, max_length in text_form_fields(form_class).items():
            assert stored[key][name] == payload[:max_length].strip(), (key, name)
    for block in BLOCKS:
        for name, typed in step_overrides(block, payload).items():
            value = stored["content"][block.key][name]
            assert value == ([typed] if isinstance(value, list) else typed), (block.key, name)


def test_every_page_answers(shown):
    statuses = {name: response.status_code for name, response in shown["pages"].items()}
    assert set(statuses.values()) == {200}, statuses


@pytest.mark.parametrize("page", ["dashboard", "review", *(f"step {s}" for s in STEP_KEYS)])
def test_pages_show_the_payload_as_text(shown, page):
    assert shows_literally(shown["pages"][page].content.decode(), shown["payload"])


def test_pages_gain_no_script_handler_or_style_from_the_payload(shown, inline_code):
    problems = {
        name: inline_code(response.content.decode())
        for name, response in shown["pages"].items()
        if inline_code(response.content.decode())
    }
    assert problems == {}


def test_the_live_preview_shows_the_payload_as_text(shown, inline_code):
    assert shows_literally(shown["preview"], shown["payload"])
    assert inline_code(shown["preview"]) == []


@pytest.mark.parametrize(
    "page", ["policy list", "policy", "organisation list", "organisation", "revision list"]
)
def test_the_admin_shows_the_payload_as_text(shown, page):
    response = shown["admin"][page]
    html = response.content.decode()
    assert response.status_code == 200
    assert shows_literally(html, shown["payload"])


def test_the_pdf_prints_the_payload_as_text(shown):
    response = shown["exports"]["pdf"]
    assert response.status_code == 200
    text = re.sub(r"\s+", "", pdf_text(file_bytes(response)))
    assert re.sub(r"\s+", "", shown["payload"]) in text


def test_the_html_export_gains_no_script_or_handler(shown, inline_code):
    response = shown["exports"]["html"]
    html = file_bytes(response).decode()
    assert response.status_code == 200
    assert escape(shown["payload"]) in html
    # The export carries its own stylesheet in <style>; nothing else inline is allowed.
    assert [p for p in inline_code(html) if p != "<style> element"] == []


def test_the_markdown_export_gains_no_raw_html(shown):
    response = shown["exports"]["md"]
    markdown = file_bytes(response).decode()
    assert response.status_code == 200
    assert not re.search(r"(?<!\\)<[a-z/!]", markdown, flags=re.IGNORECASE)


def test_the_word_export_is_made(shown):
    response = shown["exports"]["docx"]
    assert response.status_code == 200
    assert file_bytes(response)[:2] == b"PK"


# --- Addresses a user can type -------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)//@example.org", "javascript:alert(1)", "a@b.c<script>"]
)
def test_a_javascript_contact_address_is_refused(editor_client, policy, address):
    url = reverse("policy_review", kwargs={"pk": policy.pk})
    data = {"title": "Beleid", "language": "nl", "version_label": "1.0", "contact_email": address}
    response = editor_client.post(url, data)
    policy.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"]
    assert policy.contact_email != address


def test_an_organisation_address_with_script_is_refused(consultant):
    form = OrganisationForm(
        data={
            "name": "Klant",
            "policy_language": "nl",
            "brand_colour": "#1f5f8b",
            "contact_email": "javascript:alert(1)//@example.org",
        }
    )
    assert "contact_email" in form.errors
