"""Thin views of the clause library's updates to one policy: "An updated clause is
available", with the difference, to accept or decline."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wizard.library import services
from wizard.library.forms import AcceptClauseUpdatesForm
from wizard.organisations.models import AUTHOR_ROLES
from wizard.policies.access import open_policy_or_404, policy_post
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.models import Policy
from wizard.review.history import word_diff
from wizard.text import format_date, interface_language, text_in


def release_date(release: str) -> str:
    """A release ("2026-12-06") as the day of its legal review, in words."""
    return format_date(datetime.date.fromisoformat(release), interface_language())


def change_rows(changes: list[services.ClauseChange], form: AcceptClauseUpdatesForm) -> list:
    ui = interface_language()
    rows = []
    for change in changes:
        older, newer = word_diff(change.update.base, change.update.theirs)
        rows.append(
            {
                "block_key": change.update.block_key,
                "block_title": text_in(BLOCKS_BY_KEY[change.update.block_key].title, ui),
                "from_date": release_date(change.update.from_release),
                "to_date": release_date(change.update.to_release),
                "older": older,
                "newer": newer,
                "theirs": change.update.theirs,
                "ours": change.update.ours,
                "edited": change.update.edited,
                "merged": change.merged,
                "conflict": change.conflict,
                "choice": form[f"choice:{change.update.key}"] if change.conflict else None,
                "combined": form[f"combined:{change.update.key}"] if change.conflict else None,
            }
        )
    return rows


def render_updates(request: HttpRequest, policy: Policy, form=None, status: int = 200):
    changes = services.clause_changes(policy)
    form = form or AcceptClauseUpdatesForm(changes=changes)
    return render(
        request,
        "library/clause_updates.html",
        {
            "policy": policy,
            "rows": change_rows(changes, form),
            "form": form,
            "is_author": policy.viewer_role in AUTHOR_ROLES,
            "starts_new_version": policy.is_approved,
        },
        status=status,
    )


@login_required
@require_GET
def clause_updates(request: HttpRequest, pk: int) -> HttpResponse:
    return render_updates(request, open_policy_or_404(request, pk))


@policy_post
def clause_updates_accept(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = AcceptClauseUpdatesForm(request.POST, changes=services.clause_changes(policy))
    if not form.is_valid():
        return render_updates(request, policy, form, status=400)
    try:
        changed = services.clause_updates_accept(
            policy=policy, user=request.user, choices=form.choices()
        )
    except (ValidationError, PermissionDenied) as refusal:
        # Taken or declined meanwhile, or a new conflict since the page was shown.
        text = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else refusal
        messages.error(request, str(text))
        return redirect("clause_updates", pk=policy.pk)
    if changed.pk != policy.pk:
        messages.success(
            request,
            _("The updated clause is in a new draft version. Send it for review when it is ready."),
        )
    else:
        messages.success(request, _("The updated clause is in your policy."))
    return redirect("policy_review", pk=changed.pk)


@policy_post
def clause_updates_decline(request: HttpRequest, policy: Policy) -> HttpResponse:
    try:
        services.clause_updates_decline(policy=policy, user=request.user)
    except ValidationError as invalid:
        messages.info(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("Your policy keeps its text. The update is not shown again."))
    return redirect("policy_review", pk=policy.pk)
