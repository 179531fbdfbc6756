"""Thin views of the portfolio: the page and its CSV download."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wizard.organisations.models import Membership
from wizard.policies.models import Policy
from wizard.portfolio import selectors
from wizard.portfolio.forms import PortfolioFilterForm
from wizard.questions.selectors import open_questions

PORTFOLIO_PAGE_SIZE = 50
NOT_A_CONSULTANT = gettext_lazy("The portfolio is for consultants.")
STATUS_LABELS = dict(Policy.Status.choices)


def clients_of(request: HttpRequest):
    if not Membership.objects.has_role(request.user, Membership.Role.CONSULTANT):
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
    page = Paginator(clients, PORTFOLIO_PAGE_SIZE).get_page(request.GET.get("page"))
    for client in page.object_list:
        client.overdue = selectors.is_overdue(client, today)
        client.status_label = STATUS_LABELS.get(client.policy_status, "")
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
            "csv_query": query.urlencode(),
            "open_questions": questions,
            "more_open_questions": more_questions,
        },
    )


@login_required
@require_GET
def portfolio_csv(request: HttpRequest) -> HttpResponse:
    _form, clients, today = clients_of(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="portfolio.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Organisation"),
            _("Policy"),
            _("Status"),
            _("Version"),
            _("Next review"),
            _("Review overdue"),
            _("Proposed update"),
        ]
    )
    for client in clients.iterator(chunk_size=500):
        writer.writerow(
            [
                csv_safe(client.name),
                csv_safe(client.policy_title or ""),
                STATUS_LABELS.get(client.policy_status, ""),
                csv_safe(client.policy_version or ""),
                client.policy_review.isoformat() if client.policy_review else "",
                _("yes") if selectors.is_overdue(client, today) else "",
                _("yes") if client.update_id else "",
            ]
        )
    return response


def csv_safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
