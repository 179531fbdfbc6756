"""The portfolio downloads as CSV and as an Excel workbook, with the same columns and every
cell neutralised (no cell runs as a formula)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.models import Membership, Policy
from wizard.rollout.spreadsheet import XLSX_TYPE

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def adviser(db):
    return UserFactory()


@pytest.fixture
def browser(adviser) -> Client:
    client = Client()
    client.force_login(adviser)
    return client


def client_of(adviser, name: str, **policy):
    organisation = OrganisationFactory(name=name)
    MembershipFactory(user=adviser, organisation=organisation, role=Membership.Role.CONSULTANT)
    if policy:
        PolicyFactory(organisation=organisation, **policy)
    return organisation


def sheet_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_portfolio_downloads_as_excel_with_a_row_per_client(adviser, browser):
    client_of(adviser, "Bakkerij", status=Policy.Status.DRAFT)
    client_of(adviser, "Zorg")
    response = browser.get(reverse("portfolio_xlsx"), **EN)
    assert response["Content-Type"] == XLSX_TYPE
    assert "portfolio.xlsx" in response["Content-Disposition"]
    rows = sheet_rows(response)
    assert [row[0] for row in rows[1:]] == ["Bakkerij", "Zorg"]
    assert rows[1][2] == "Draft"


def test_excel_and_csv_hold_the_same_columns(adviser, browser):
    client_of(adviser, "Bakkerij", status=Policy.Status.PUBLISHED, version_label="2.1")
    workbook = sheet_rows(browser.get(reverse("portfolio_xlsx"), **EN))
    text = browser.get(reverse("portfolio_csv"), **EN).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert [[cell or "" for cell in row] for row in workbook] == table
    assert "Consent" in table[0] and "Confirmed" in table[0]


def test_no_excel_cell_is_a_formula(adviser, browser):
    client_of(adviser, "=HYPERLINK(1)")
    rows = sheet_rows(browser.get(reverse("portfolio_xlsx")))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_the_download_follows_the_filter(adviser, browser):
    client_of(adviser, "Concept", status=Policy.Status.DRAFT)
    client_of(adviser, "Gepubliceerd", status=Policy.Status.PUBLISHED)
    rows = sheet_rows(browser.get(reverse("portfolio_xlsx") + "?status=published"))
    assert [row[0] for row in rows[1:]] == ["Gepubliceerd"]


def test_the_excel_download_is_for_consultants(editor_client):
    assert editor_client.get(reverse("portfolio_xlsx")).status_code == 403


def test_the_page_links_both_downloads_with_the_filter(adviser, browser):
    client_of(adviser, "Concept", status=Policy.Status.DRAFT)
    page = browser.get(reverse("portfolio") + "?status=draft").text
    assert f'href="{reverse("portfolio_csv")}?status=draft"' in page
    assert f'href="{reverse("portfolio_xlsx")}?status=draft"' in page
