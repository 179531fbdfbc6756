"""The staff link: a published policy for staff, without logging in, and its management."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wizard import limits
from wizard.exports.formats import export_filename, policy_export_file
from wizard.policies.access import policy_post
from wizard.policies.document import policy_document
from wizard.policies.layout import ExportError
from wizard.policies.models import Policy
from wizard.rollout import services


@policy_post
def policy_share(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.policy_share_link_create(policy=policy, user=request.user)
    messages.success(request, _("A new staff link is ready. Any earlier link no longer works."))
    return redirect("policy_review", pk=policy.pk)


@policy_post
def policy_share_revoke(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.policy_share_link_revoke(policy=policy, user=request.user)
    messages.success(request, _("The staff link no longer works."))
    return redirect("policy_review", pk=policy.pk)


def published_policy_or_404(token: str) -> Policy:
    policy = (
        Policy.objects.select_related("organisation")
        .filter(status=Policy.Status.PUBLISHED, share_token=token)
        .exclude(share_token="")
        .first()
    )
    if policy is None:
        raise Http404
    return policy


def _for_staff_only(response: HttpResponse) -> HttpResponse:
    # A revoked link must stop working at once, and the page is not for search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_GET
@limits.limit(limits.STAFF_PAGE, per="ip")
def published_policy(request: HttpRequest, token: str) -> HttpResponse:
    policy = published_policy_or_404(token)
    response = render(
        request,
        "published/policy.html",
        {"policy": policy, "doc": policy_document(policy), "token": token},
    )
    return _for_staff_only(response)


@never_cache
@require_GET
@limits.limit(limits.STAFF_PDF, per="ip")
def published_policy_pdf(request: HttpRequest, token: str) -> HttpResponse:
    policy = published_policy_or_404(token)
    try:
        data = policy_export_file(policy, "pdf")
    except ExportError as error:
        messages.error(request, error.message)
        return redirect("published_policy", token=token)
    services.staff_pdf_download_record(policy=policy)
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=False,
        filename=export_filename(policy, "pdf"),
        content_type="application/pdf",
    )
    return _for_staff_only(response)
