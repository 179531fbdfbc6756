"""Download a policy as PDF, Word, HTML or Markdown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from wizard import limits
from wizard.exports.formats import EXPORT_FORMATS, export_filename, policy_export_file
from wizard.policies.access import get_policy_or_404
from wizard.policies.document import block_titles
from wizard.policies.models import AuditEvent
from wizard.printing import ExportError


@login_required
@require_GET
@limits.limit(limits.EXPORT)
def policy_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    # Any member of the policy's organisation may export it.
    policy = get_policy_or_404(request.user, pk)
    export_format = EXPORT_FORMATS.get(fmt)
    if export_format is None:
        raise Http404("Unknown export format")
    if incomplete := policy.incomplete_steps:
        messages.error(
            request,
            gettext("Complete these steps before exporting the policy: %(blocks)s.")
            % {"blocks": block_titles(incomplete)},
        )
        return redirect("policy_review", pk=policy.pk)
    try:
        data = policy_export_file(policy, fmt)
    except ExportError as error:
        messages.error(request, error.message)
        return redirect("policy_review", pk=policy.pk)
    AuditEvent.objects.create(
        organisation=policy.organisation,
        policy=policy,
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        detail=fmt,
    )
    # The bytes are in memory already: a plain response, with the header FileResponse would
    # write (export_filename is ASCII only, so no quoting or RFC 5987 form is needed).
    response = HttpResponse(data, content_type=export_format.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(policy, export_format.extension)
    )
    return response
