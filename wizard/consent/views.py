"""Thin views of the consent dossier: the "Consent request" page, its downloads, the editor's
records (request, meeting, decision, publishing without consent) and the evidence pack."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wizard.consent import documents, selectors, services
from wizard.consent.forms import DecisionForm, MeetingForm, PublishAnywayForm, RequestForm
from wizard.exports.formats import export_filename
from wizard.organisations.models import AUTHOR_ROLES, REVIEWER_ROLES, ParticipationBody
from wizard.policies.access import open_policy_or_404, policy_post, policy_role
from wizard.policies.consent import consent_hint
from wizard.policies.models import Policy, Publication


def _advice(policy: Policy) -> bool:
    return policy.organisation.participation_body == ParticipationBody.STAFF_REPRESENTATION


def _page(request: HttpRequest, policy: Policy, *, status: int = 200, **forms) -> HttpResponse:
    dossier = selectors.dossier_of(policy)
    is_author = policy_role(request.user, policy) in AUTHOR_ROLES
    editable = is_author and policy.status != Policy.Status.ARCHIVED
    state = selectors.consent_state(policy)
    context = {
        "policy": policy,
        "dossier": dossier,
        "sections": documents.request_sections(dossier),
        "record": documents.decision_sections(dossier),
        "editable": editable,
        "consent_hint": consent_hint(policy),
        **state,
    }
    if editable:
        context["request_form"] = forms.get("request_form") or RequestForm(instance=dossier)
        context["meeting_form"] = forms.get("meeting_form") or MeetingForm(
            initial={"meeting_on": dossier.meeting_on, "meeting_notes": dossier.meeting_notes}
        )
        context["decision_form"] = forms.get("decision_form") or DecisionForm(
            advice=_advice(policy),
            initial={
                "decision": dossier.decision,
                "decided_on": dossier.decided_on,
                "conditions": dossier.conditions,
            },
        )
        if state["consent_missing"] and not state["consent_overridden"]:
            context["anyway_form"] = forms.get("anyway_form") or PublishAnywayForm()
    return render(request, "consent/request.html", context, status=status)


@login_required
@require_GET
def consent_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Every member reads the request: editors, reviewers and the body's members."""
    return _page(request, open_policy_or_404(request, pk))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def consent_request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    pdf = documents.request_pdf(selectors.dossier_of(policy))
    return _download(pdf, "application/pdf", export_filename(policy, "pdf", _("Consent request")))


@login_required
@require_GET
def consent_request_docx(request: HttpRequest, pk: int) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    docx = documents.request_docx(selectors.dossier_of(policy))
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(docx, word, export_filename(policy, "docx", _("Consent request")))


@policy_post
def consent_request_save(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = RequestForm(request.POST)
    if not form.is_valid():
        return _page(request, policy, request_form=form, status=400)
    services.request_save(policy=policy, user=request.user, **form.cleaned_data)
    messages.success(request, _("The consent request is saved."))
    return redirect("consent_request", pk=policy.pk)


@policy_post
def consent_meeting(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _page(request, policy, meeting_form=form, status=400)
    services.meeting_log(
        policy=policy,
        user=request.user,
        meeting_on=form.cleaned_data["meeting_on"],
        notes=form.cleaned_data["meeting_notes"],
    )
    messages.success(request, _("The meeting is logged."))
    return redirect("consent_request", pk=policy.pk)


@policy_post
def consent_decision(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = DecisionForm(request.POST, advice=_advice(policy))
    if form.is_valid():
        try:
            services.decision_record(
                policy=policy,
                user=request.user,
                decision=form.cleaned_data["decision"],
                decided_on=form.cleaned_data["decided_on"],
                conditions=form.cleaned_data["conditions"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("consent_request", pk=policy.pk)
    return _page(request, policy, decision_form=form, status=400)


@policy_post
def consent_publish_anyway(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = PublishAnywayForm(request.POST)
    if form.is_valid():
        try:
            services.publish_without_consent_choose(
                policy=policy, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(
                request,
                _(
                    "Your reason is recorded. You can publish now, but without consent the "
                    "decision can be declared void (WOR art. 27 lid 5)."
                ),
            )
            return redirect("policy_review", pk=policy.pk)
    return _page(request, policy, anyway_form=form, status=400)


@login_required
@require_GET
def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """One zip per published version, for the organisation's editors, consultants and
    reviewers; anyone else, and a version never published, get the same 404."""
    policy = open_policy_or_404(request, pk)
    if policy_role(request.user, policy) not in AUTHOR_ROLES | REVIEWER_ROLES:
        raise Http404
    if not Publication.objects.filter(policy=policy).exists():
        raise Http404
    dossier = selectors.dossier_of(policy)
    pack = documents.evidence_pack(policy, dossier if dossier.pk else None)
    services.evidence_pack_record(policy=policy, user=request.user)
    return _download(pack, "application/zip", export_filename(policy, "zip", _("Evidence pack")))
