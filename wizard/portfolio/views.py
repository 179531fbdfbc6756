"""Thin views of the portfolio: the page and its downloads (CSV and Excel)."""

from __future__ import annotations

import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wizard.consent.selectors import ConsentStatus
from wizard.organisations.models import Membership
from wizard.policies.models import Policy
from wizard.portfolio import selectors
from wizard.portfolio.forms import PortfolioFilterForm
from wizard.questions.selectors import open_questions
from wizard.rollout.spreadsheet import XLSX_TYPE, xlsx_workbook
from wizard.text import csv_safe

# As the workspace: one page of clients at a time (the bench fills one page and compares it
# with the same page of 1,000 clients).
PORTFOLIO_PAGE_SIZE = 20
NOT_A_CONSULTANT = gettext_lazy("The portfolio is for consultants.")
STATUS_LABELS = dict(Policy.Status.choices)
CONSENT_LABELS = dict(ConsentStatus.choices)


def clients_of(request: HttpRequest):
    # The user's roles, as the header reads them anyway.
    if Membership.Role.CONSULTANT not in request.memberships.roles:
        raise PermissionDenied(NOT_A_CONSULTANT)
    form = PortfolioFilterForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    clients = selectors.portfolio(
        request.user,
        today=today,
        sort=chosen.get("sort") or "name",
        status=chosen.get("status") or "",
        overdue=bool(chosen.get("overdue")),
        waiting=bool(chosen.get("waiting")),
    )
    return form, clients, today


@login_required
@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    form, clients, today = clients_of(request)
    page = selectors.portfolio_page(clients, request.GET.get("page"), per_page=PORTFOLIO_PAGE_SIZE)
    for client in page.object_list:
        client.overdue = selectors.is_overdue(client, today)
        client.status_label = STATUS_LABELS.get(client.policy_status, "")
        client.consent_label = CONSENT_LABELS.get(client.consent_status, "")
        client.confirmed_percentage = selectors.confirmed_percentage(client)
    query = request.GET.copy()
    query.pop("page", None)
    questions, more_questions = open_questions(fetched_by=request.user)
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "form": form,
            "page": page,
            "extra_query": f"&{query.urlencode()}" if query else "",
            "download_query": f"?{query.urlencode()}" if query else "",
            "open_questions": questions,
            "more_open_questions": more_questions,
        },
    )


def download_rows(clients, today: datetime.date):
    """The header and a row per client, as both downloads hold them (cells not yet
    neutralised: each format does that itself)."""
    yield [
        _("Organisation"),
        _("Policy"),
        _("Status"),
        _("Version"),
        _("Next review"),
        _("Review overdue"),
        _("Confirmed"),
        _("Staff list"),
        _("Confirmed (%)"),
        _("Consent"),
        _("Proposed update"),
    ]
    for client in selectors.with_columns(clients).iterator(chunk_size=500):
        percentage = selectors.confirmed_percentage(client)
        yield [
            client.name,
            client.policy_title or "",
            STATUS_LABELS.get(client.policy_status, ""),
            client.policy_version or "",
            client.policy_review.isoformat() if client.policy_review else "",
            _("yes") if selectors.is_overdue(client, today) else "",
            client.confirmed if client.published_id else "",
            client.staff if client.published_id else "",
            percentage if percentage is not None else "",
            CONSENT_LABELS.get(client.consent_status, "") if client.policy_id else "",
            _("yes") if client.update_id else "",
        ]


@login_required
@require_GET
def portfolio_csv(request: HttpRequest) -> HttpResponse:
    _form, clients, today = clients_of(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="portfolio.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    for row in download_rows(clients, today):
        writer.writerow([csv_safe(cell) for cell in row])
    return response


@login_required
@require_GET
def portfolio_xlsx(request: HttpRequest) -> HttpResponse:
    _form, clients, today = clients_of(request)
    workbook = xlsx_workbook(list(download_rows(clients, today)), title=_("Portfolio"))
    response = HttpResponse(workbook, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="portfolio.xlsx"'
    return response
