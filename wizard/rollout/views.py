"""The staff link: a published policy for staff, without logging in, where they confirm reading
it; and, for the organisation's members, the staff link's management and the register."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial, wraps

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    condition,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from wizard import limits
from wizard.exports.formats import export_filename
from wizard.organisations.models import AUTHOR_ROLES, REVIEWER_ROLES, Logo
from wizard.organisations.sign_in import (
    WorkAccount,
    configured_providers,
    domains_of,
    organisation_provider,
    work_account_of,
    work_account_signed_in,
)
from wizard.policies.access import (
    open_policy_or_404,
    policy_post,
    policy_post_confirmed,
    policy_role,
)
from wizard.policies.models import Policy
from wizard.policies.publication import (
    publication_of,
    published_document,
    published_pdf,
    published_text_html,
)
from wizard.printing import ExportError
from wizard.rollout import links, selectors, services
from wizard.rollout.forms import (
    AcknowledgeForm,
    CheckCopyForm,
    EraseForm,
    PersonForm,
    ReadForm,
    RoundForm,
    StaffDomainsForm,
    StaffImportForm,
)
from wizard.rollout.models import Acknowledgement
from wizard.rollout.spreadsheet import XLSX_TYPE, xlsx_workbook
from wizard.text import csv_safe


@policy_post_confirmed
def policy_share(request: HttpRequest, policy: Policy) -> HttpResponse:
    if request.method != "POST":
        # Replacing a link asks first; making the first one does not (it is a plain POST).
        services.require_link_manager(policy=policy, user=request.user)
        if not policy.share_token:
            return redirect("policy_review", pk=policy.pk)
        context = {
            "policy": policy,
            "question": _("Replace the staff link?"),
            "consequences": [
                _(
                    "The current link stops working at once, and so do the personal links "
                    "you sent. Staff can then open the policy only with the new link."
                )
            ],
            "confirm_label": _("Replace with a new link"),
        }
        return render(request, "confirm.html", context)
    services.policy_share_link_create(policy=policy, user=request.user)
    messages.success(request, _("A new staff link is ready. Any earlier link no longer works."))
    return redirect("policy_review", pk=policy.pk)


@policy_post_confirmed
def policy_share_revoke(request: HttpRequest, policy: Policy) -> HttpResponse:
    if request.method != "POST":
        services.require_link_manager(policy=policy, user=request.user)
        context = {
            "policy": policy,
            "question": _("Revoke the staff link?"),
            "consequences": [
                _(
                    "Staff can then no longer open the policy, with the link or with the "
                    "personal links you sent, until you create a new link and share it."
                )
            ],
            "confirm_label": _("Revoke the link"),
        }
        return render(request, "confirm.html", context)
    services.policy_share_link_revoke(policy=policy, user=request.user)
    messages.success(request, _("The staff link no longer works."))
    return redirect("policy_review", pk=policy.pk)


# --- The staff page -------------------------------------------------------------------------


# The announcement HR pastes into an e-mail, in both languages of the app.
ANNOUNCEMENT_LANGUAGES = (("nl", "Nederlands"), ("en", "English"))

PERSONAL_LINK_EXPIRED = gettext_lazy(
    "Your personal link has expired. Confirm below: we send a link to your work e-mail address."
)


def published_policy_or_404(token: str) -> Policy:
    # The publication comes along without its PDF, which only the PDF download reads.
    published = Policy.objects.filter(status=Policy.Status.PUBLISHED).exclude(share_token="")
    return get_object_or_404(
        published.select_related("organisation", "publication").defer("publication__pdf"),
        share_token=token,
    )


# What the validators of a revisit read of a policy and its publication: the page's ETag, the
# Last-Modified of the page and the PDF, the PDF's ETag. A 304 reads nothing more; a page or PDF
# that changed since loads the rest when it reads it.
VALIDATOR_FIELDS = (
    "version_label",
    "effective_date",
    "organisation_id",
    "publication__policy_id",
    "publication__fingerprint",
    "publication__pdf_sha256",
    "publication__published_at",
)
# What the staff page, a confirmation and the PDF read besides (the e-mails, the file name).
STAFF_PAGE_FIELDS = (
    *VALIDATOR_FIELDS,
    "status",
    "share_token",
    "title",
    "language",
    "based_on_id",
    "publication__logo_id",
)


# Built once: a request only adds its token (cloning a longer chain costs more than the query).
# The publication without its PDF (read by the download only); for the 304 of a revisit, only
# the validators; the organisation only when a confirmation or the PDF's file name needs it.
_PUBLISHED = Policy.objects.select_related("publication").filter(status=Policy.Status.PUBLISHED)
_REVISITED = _PUBLISHED.only(*VALIDATOR_FIELDS).order_by()
_VISITED = _PUBLISHED.only(
    *STAFF_PAGE_FIELDS, "publication__document", "publication__text_html"
).order_by()


def _staff_policy(request: HttpRequest, token: str) -> Policy:
    """`published_policy_or_404`, read once per request: the conditional check, the limits and
    the page all use it."""
    memo = request.__dict__.setdefault("_staff_policies", {})
    if token not in memo:
        # One query; a first visit reads the text along. A token is unique and never empty
        # in a URL: no "" to exclude, no LIMIT to add.
        found = list(
            (_REVISITED if _is_conditional(request) else _VISITED).filter(share_token=token)
        )
        if not found:
            raise Http404
        memo[token] = found[0]
    return memo[token]


def _is_conditional(request: HttpRequest) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def _staff_page_etag(request: HttpRequest, token: str) -> str | None:
    """What the plain staff page shows, as a validator: the frozen text (its fingerprint), the
    version line, the interface language and the visitor's CSRF secret (the form carries a
    token made from it). None for a member with a session, whose header is their own."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    policy = _staff_policy(request, token)
    publication = publication_of(policy)
    if publication is None:
        return None
    if "CSRF_COOKIE" not in request.META:
        # The secret the page's form will carry, made now for a visitor who has none (a new
        # secret is all `get_token` would make too, without masking a token nobody reads).
        rotate_token(request)
    parts = [
        publication.fingerprint,
        policy.version_label,
        str(policy.effective_date),
        get_language(),
        request.META.get("CSRF_COOKIE", ""),
    ]
    if configured_providers():  # the work-account button follows the organisation's SSO
        parts.append(str(organisation_provider(policy.organisation)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _published_at(request: HttpRequest, token: str) -> datetime.datetime | None:
    publication = publication_of(_staff_policy(request, token))
    return publication.published_at if publication is not None else None


def _staff_pdf_etag(request: HttpRequest, token: str) -> str | None:
    publication = publication_of(_staff_policy(request, token))
    return (publication.pdf_sha256 or None) if publication is not None else None


def _revalidated(cache_control: dict) -> Callable:
    """A browser keeps the answer but asks again each time (a revoked link is a 404 at once,
    a new version a new page); `condition` answers 304 while it is unchanged."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def revalidated_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 304):
                patch_cache_control(response, no_cache=True, **cache_control)
            else:
                add_never_cache_headers(response)
            return response

        return revalidated_view

    return decorator


def _for_staff_only(response: HttpResponse) -> HttpResponse:
    # A revoked link must stop working at once, and the page is not for search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _staff_page(
    request: HttpRequest,
    policy: Policy,
    token: str,
    *,
    form: AcknowledgeForm | None = None,
    member=None,
    key: str = "",
    confirmation: services.ConfirmationRequest | None = None,
    confirmed: Acknowledgement | None = None,
    error: str = "",
    sent: bool = False,
    changes: selectors.ChangesSince | None = None,
    work_account: WorkAccountStep | None = None,
) -> HttpResponse:
    doc = published_document(policy)
    email = member.email if member else (confirmed.email if confirmed else "")
    logo_src = ""
    if doc.logo_digest:
        logo_src = reverse(
            "published_policy_logo", kwargs={"token": token, "digest": doc.logo_digest}
        )
    fingerprint = services.policy_fingerprint(policy)
    read = {"version": policy.version_label, "fingerprint": fingerprint}
    context = {
        "policy": policy,
        "doc": doc,
        "token": token,
        "logo_src": logo_src,
        "text_html": published_text_html(policy),
        "form": form if form is not None else AcknowledgeForm(initial=read),
        "read_form": ReadForm(initial=read) if member else None,  # a member's form only
        "member": member,
        "key": key,
        "confirmation": confirmation,
        "confirmed": confirmed,
        "error": error,
        "sent": sent,
        "changes": changes if changes is not None else selectors.changes_since(policy, email),
        "work_account": work_account or _work_account_step(policy, token, fingerprint),
    }
    return _for_staff_only(render(request, "rollout/published_policy.html", context))


@dataclass(frozen=True)
class WorkAccountStep:
    """The staff page's "Confirm with your work account": the button that signs in at the
    organisation's provider and comes back to `confirm_url` (the version read), or, back with
    an address at the organisation's domains (`account`), the confirming button."""

    provider_name: str
    login_url: str
    confirm_url: str
    account: WorkAccount | None = None


def _work_account_step(
    policy: Policy, token: str, fingerprint: str, account: WorkAccount | None = None
) -> WorkAccountStep | None:
    """The work-account step for the version with `fingerprint`, where the organisation has
    single sign-on (a deployment without providers asks nothing more of the database)."""
    if not configured_providers():
        return None
    provider = organisation_provider(policy.organisation)
    if provider is None:
        return None
    return WorkAccountStep(
        provider_name=provider[1],
        login_url=reverse("openid_connect_login", args=[provider[0]]),
        confirm_url=reverse(
            "confirm_with_work_account", kwargs={"token": token, "fingerprint": fingerprint}
        ),
        account=account,
    )


def _newer_version(request: HttpRequest, policy: Policy, token: str, read: str, **kwargs):
    """Refuse a confirmation of a version that is no longer the current one."""
    changes = selectors.superseded_by_fingerprint(policy, read)
    return _staff_page(
        request, policy, token, error=str(services.NEWER_VERSION), changes=changes, **kwargs
    )


# Private: the page's form carries the visitor's own CSRF token.
@_revalidated({"private": True})
@require_GET
@condition(etag_func=_staff_page_etag, last_modified_func=_published_at)
def published_policy(request: HttpRequest, token: str) -> HttpResponse:
    """The staff page, the same for everyone: a revisit is a 304 without composing anything."""
    return _staff_page(request, _staff_policy(request, token), token)


def posted_email(group: str, request: HttpRequest) -> str:
    """The rate-limit key of one e-mail address: the same address however it is written."""
    return services.normalise_email(request.POST.get("email", ""))


def link_key(group: str, request: HttpRequest) -> str:
    """The rate-limit key of one personal or confirmation link."""
    return request.resolver_match.kwargs.get("key", "") if request.resolver_match else ""


def _to_own_domain(request: HttpRequest, token: str) -> bool:
    """Whether the posted address is at one of the organisation's own e-mail domains."""
    organisation = _staff_policy(request, token).organisation
    email = services.normalise_email(request.POST.get("email", ""))
    return bool(organisation.staff_domains) and organisation.accepts_staff_email(email)


@never_cache
@require_POST
@limits.limit(limits.STAFF_CONFIRM, per="ip", unless=_to_own_domain)
@limits.limit(limits.STAFF_CONFIRM_EMAIL, per=posted_email)
def published_acknowledge(request: HttpRequest, token: str) -> HttpResponse:
    """The open staff link: mail a one-time confirmation link to the given address. The answer
    is the same whoever the address belongs to, and nothing is recorded until it is followed."""
    policy = _staff_policy(request, token)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        return _staff_page(request, policy, token, form=form)
    read = form.cleaned_data["fingerprint"]
    try:
        services.confirmation_request(
            policy=policy,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            fingerprint=read,
        )
    except ValidationError as error:
        if error.code == "newer_version":
            return _newer_version(request, policy, token, read)
        form.add_error("email", error)
        return _staff_page(request, policy, token, form=form)
    return _staff_page(request, policy, token, sent=True)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.limit(limits.STAFF_LINK, per=link_key)
def confirm_by_email(request: HttpRequest, token: str, key: str) -> HttpResponse:
    """The link from the confirmation e-mail: one button records the confirmation (a GET,
    as a mail scanner sends, records nothing)."""
    policy = published_policy_or_404(token)
    confirmation = services.confirmation_from_key(key)
    # A link asked for under another organisation's staff link does not work here.
    if confirmation is None or not selectors.same_organisation(policy, confirmation.policy_id):
        raise Http404
    page = partial(_staff_page, request, policy, token, key=key)
    confirmed = selectors.current_confirmation(policy, confirmation.email)
    if confirmed is not None:
        return page(confirmed=confirmed)
    if request.method == "GET":
        if confirmation.fingerprint != services.policy_fingerprint(policy):
            return _newer_version(request, policy, token, confirmation.fingerprint, key=key)
        return page(confirmation=confirmation)
    try:
        record, _created = services.acknowledge(
            policy=policy,
            name=confirmation.name,
            email=confirmation.email,
            method=Acknowledgement.Method.EMAIL_LINK,
            fingerprint=confirmation.fingerprint,
        )
    except ValidationError as error:
        if error.code == "newer_version":
            return _newer_version(request, policy, token, confirmation.fingerprint, key=key)
        return page(error=" ".join(error.messages))
    return page(confirmed=record)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.limit(limits.STAFF_LINK, per=link_key)
def personal_policy(request: HttpRequest, token: str, key: str) -> HttpResponse:
    """A personal link: the person confirms with one button, without typing."""
    policy = published_policy_or_404(token)
    member = links.staff_member_from_key(key, policy.organisation_id)
    if member is None:
        raise Http404
    today = timezone.localdate()
    if today > selectors.personal_link_valid_until(policy, member, today):
        # Gone, with the way that still works: the open staff link on the same page.
        response = _staff_page(request, policy, token, error=str(PERSONAL_LINK_EXPIRED))
        response.status_code = 410
        return response
    page = partial(_staff_page, request, policy, token, member=member, key=key)
    if request.method == "GET":
        return page(confirmed=selectors.current_confirmation(policy, member.email))
    form = ReadForm(request.POST)
    read = form.cleaned_data["fingerprint"] if form.is_valid() else ""
    try:
        record, _created = services.acknowledge(
            policy=policy,
            name=member.name,
            email=member.email,
            method=Acknowledgement.Method.PERSONAL_LINK,
            fingerprint=read,
        )
    except ValidationError as error:
        if error.code == "newer_version":
            return _newer_version(request, policy, token, read, member=member, key=key)
        return page(error=" ".join(error.messages))
    return page(confirmed=record)


OUTSIDE_WORK_DOMAINS = gettext_lazy(
    "You signed in with an account that has no verified address at %(domains)s. Sign in with "
    "the work account your organisation gave you, or confirm by e-mail below."
)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_with_work_account(request: HttpRequest, token: str, fingerprint: str) -> HttpResponse:
    """Back from the organisation's single sign-on: with an address at its domains, one button
    records the confirmation of the version read (`fingerprint`); a GET records nothing."""
    policy = published_policy_or_404(token)
    organisation = policy.organisation
    if organisation_provider(organisation) is None:
        raise Http404
    account = work_account_of(request, organisation)
    if account is None:
        if not work_account_signed_in(request):
            return redirect(reverse("published_policy", kwargs={"token": token}) + "#confirm")
        domains = ", ".join(f"@{d}" for d in domains_of(organisation.sign_in_domains))
        response = _staff_page(
            request, policy, token, error=OUTSIDE_WORK_DOMAINS % {"domains": domains}
        )
        response.status_code = 403
        return response
    name = selectors.staff_member_name(organisation.pk, account.email) or account.name
    account = WorkAccount(account.email, name or account.email)
    step = _work_account_step(policy, token, services.policy_fingerprint(policy), account)
    page = partial(_staff_page, request, policy, token, work_account=step)
    confirmed = selectors.current_confirmation(policy, account.email)
    if confirmed is not None:
        return page(confirmed=confirmed)
    if request.method == "GET":
        if fingerprint != services.policy_fingerprint(policy):
            return _newer_version(request, policy, token, fingerprint, work_account=step)
        return page()
    try:
        record, _created = services.acknowledge(
            policy=policy,
            name=account.name,
            email=account.email,
            method=Acknowledgement.Method.WORK_ACCOUNT,
            fingerprint=fingerprint,
        )
    except ValidationError as error:
        if error.code == "newer_version":
            return _newer_version(request, policy, token, fingerprint, work_account=step)
        return page(error=" ".join(error.messages))
    return page(confirmed=record)


# Public: the stored bytes, the same for everyone; their SHA-256 is the validator.
@_revalidated({"public": True})
@require_GET
@condition(etag_func=_staff_pdf_etag, last_modified_func=_published_at)
def published_policy_pdf(request: HttpRequest, token: str) -> HttpResponse:
    policy = _staff_policy(request, token)
    try:
        data = published_pdf(policy)
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


@require_safe
def published_policy_logo(request: HttpRequest, token: str, digest: str) -> HttpResponse:
    """The logo printed on the published version: the one it was published with."""
    policy = published_policy_or_404(token)
    publication = publication_of(policy)
    if publication is None or publication.logo_id != digest:
        raise Http404
    png = Logo.objects.png_of(digest)
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    # The digest names the image: it never changes under this URL.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return _for_staff_only(response)


# --- Check a copy ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@limits.limit(limits.CHECK_COPY, per="ip", method="POST")
def check_copy(request: HttpRequest) -> HttpResponse:
    """Anyone may ask whether a PDF (or a SHA-256) is a published version; the answer says of
    which policy and organisation, and when it was current; nothing else."""
    form = CheckCopyForm()
    result = None
    checked = False
    status = 200
    if request.method == "POST":
        form = CheckCopyForm(request.POST, request.FILES)
        if form.is_valid():
            checked = True
            result = selectors.publication_with_hash(form.digest())
        else:
            status = 400
    context = {"form": form, "checked": checked, "result": result}
    return render(request, "rollout/check.html", context, status=status)


# --- The register ---------------------------------------------------------------------------


def _register_policy(request: HttpRequest, pk: int) -> Policy:
    """The policy for its register: only the organisation's editors, consultants and
    reviewers; anyone else gets the same 404 as for a policy that does not exist."""
    policy = open_policy_or_404(request, pk)
    if policy_role(request.user, policy) not in AUTHOR_ROLES | REVIEWER_ROLES:
        raise Http404
    return policy


def _render_register(
    request: HttpRequest,
    policy: Policy,
    *,
    import_form: StaffImportForm | None = None,
    import_errors: list[str] | None = None,
    domains_form: StaffDomainsForm | None = None,
    person_form: PersonForm | None = None,
    erase_form: EraseForm | None = None,
    round_form: RoundForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rounds = selectors.register(policy)
    current = next((r for r in rounds if r.is_current), None)
    if round_form is None and current is not None:
        round_form = RoundForm(
            initial={
                "deadline": current.settings.deadline,
                "reconfirm_months": current.settings.reconfirm_months,
            }
        )
    staff_link = ""
    announcements = []
    if current is not None and policy.share_token:
        staff_link = settings.SITE_URL + reverse(
            "published_policy", kwargs={"token": policy.share_token}
        )
        announcement = {
            "policy": policy,
            "organisation": policy.organisation.name,
            "link": staff_link,
            "deadline": current.settings.deadline,
        }
        for code, label in ANNOUNCEMENT_LANGUAGES:
            with translation.override(code):
                text = render_to_string("rollout/announcement.txt", announcement)
            announcements.append({"code": code, "label": label, "text": text.strip()})
    context = {
        "policy": policy,
        "rounds": rounds,
        "current": current,
        "staff_link": staff_link,
        "announcements": announcements,
        "is_author": policy_role(request.user, policy) in AUTHOR_ROLES,
        "import_form": import_form or StaffImportForm(),
        "import_errors": import_errors or [],
        "domains_form": domains_form
        or StaffDomainsForm(initial={"domains": policy.organisation.staff_domains}),
        "person_form": person_form or PersonForm(auto_id="person-%s"),
        "erase_form": erase_form or EraseForm(auto_id="erase-%s"),
        "round_form": round_form,
        "retention_days": settings.ACKNOWLEDGEMENT_RETENTION_DAYS,
    }
    return render(request, "rollout/register.html", context, status=status)


@login_required
@require_GET
def acknowledgement_register(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_register(request, _register_policy(request, pk))


@login_required
@require_GET
def staff_link_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff link as a QR code (SVG), to print on a poster or show at a meeting."""
    policy = _register_policy(request, pk)
    if policy.status != Policy.Status.PUBLISHED or not policy.share_token:
        raise Http404
    link = settings.SITE_URL + reverse("published_policy", kwargs={"token": policy.share_token})
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def _csv_response(rows: list[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _register_rows(policy: Policy) -> list[list]:
    """The register as a table: one row per confirmation and per person still to confirm."""
    rows = [[_("Version"), _("Policy"), _("Name"), _("E-mail"), _("Confirmed"), _("How")]]
    rows[0] += [_("Content fingerprint"), _("SHA-256 of the PDF"), _("Department")]
    rows[0] += [_("Status"), _("Deadline")]
    status_labels = {"done": _("done"), "pending": _("pending"), "overdue": _("overdue")}
    for round_ in selectors.register(policy):
        people = {}
        if round_.progress is not None:
            people = {p.member.email: p for p in round_.progress.people}
        records = round_.acknowledgements + round_.carried
        for record in records:
            person = people.get(record.email)
            status = _("done")
            if record.policy_id != round_.policy.pk:
                status = _(
                    "confirmed version %(old)s, still valid after minor correction %(new)s"
                ) % {
                    "old": record.version_label,
                    "new": round_.policy.version_label,
                }
            rows.append(
                [
                    record.version_label,
                    round_.policy.title,
                    record.name,
                    record.email,
                    timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M"),
                    record.get_method_display(),
                    record.fingerprint,
                    record.pdf_sha256,
                    person.member.department if person else "",
                    status,
                    person.window.deadline.isoformat() if person else "",
                ]
            )
        if round_.progress is not None:
            today = round_.progress.today
            for person in round_.progress.people:
                if person.confirmation is not None:
                    continue
                rows.append(
                    [round_.policy.version_label, round_.policy.title, person.member.name]
                    + [person.member.email, _("not yet"), "", "", "", person.member.department]
                    + [status_labels[person.status(today)], person.window.deadline.isoformat()]
                )
    return rows


@login_required
@require_GET
def acknowledgement_register_csv(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _register_policy(request, pk)
    filename = export_filename(policy, "csv", _("Acknowledgements"))
    return _csv_response(_register_rows(policy), filename)


@login_required
@require_GET
def acknowledgement_register_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _register_policy(request, pk)
    data = xlsx_workbook(_register_rows(policy), title=_("Acknowledgements"))
    response = HttpResponse(data, content_type=XLSX_TYPE)
    filename = export_filename(policy, "xlsx", _("Acknowledgements"))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@policy_post
def round_settings(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    round_ = selectors.round_of(policy)
    form = RoundForm(request.POST, started_on=round_.started_on)
    if not form.is_valid():
        return _render_register(request, policy, round_form=form, status=400)
    try:
        services.round_settings_save(
            policy=policy,
            user=request.user,
            deadline=form.cleaned_data["deadline"],
            reconfirm_months=form.cleaned_data["reconfirm_months"],
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("acknowledgement_register", pk=policy.pk)
    messages.success(request, _("The round is saved."))
    return redirect("acknowledgement_register", pk=policy.pk)


@policy_post
def staff_list_import(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    form = StaffImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_register(request, policy, import_form=form, status=400)
    count, errors = services.staff_import(
        policy=policy, user=request.user, data=form.cleaned_data["file"].read()
    )
    if errors:
        return _render_register(request, policy, import_form=form, import_errors=errors, status=400)
    # Added or updated: the list may hold more people than this file.
    messages.success(
        request,
        ngettext(
            "%(count)s person from the file is on the staff list now.",
            "%(count)s people from the file are on the staff list now.",
            count,
        )
        % {"count": count},
    )
    return redirect("acknowledgement_register", pk=policy.pk)


@policy_post
def staff_links_send(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    pending = selectors.pending_members(policy)
    if not pending:
        messages.info(request, _("Everyone on the staff list has confirmed this version."))
        return redirect("acknowledgement_register", pk=policy.pk)
    try:
        count = services.personal_links_send(policy=policy, user=request.user, members=pending)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("acknowledgement_register", pk=policy.pk)
    messages.success(
        request,
        _("A personal link went to %(count)s people who have not confirmed yet.")
        % {"count": count},
    )
    return redirect("acknowledgement_register", pk=policy.pk)


@policy_post
def staff_domains(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    form = StaffDomainsForm(request.POST)
    if not form.is_valid():
        return _render_register(request, policy, domains_form=form, status=400)
    services.staff_domains_save(
        policy=policy, user=request.user, domains=form.cleaned_data["domains"]
    )
    messages.success(request, _("The e-mail domains are saved."))
    return redirect("acknowledgement_register", pk=policy.pk)


@policy_post
def person_export(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    form = PersonForm(request.POST, auto_id="person-%s")
    if not form.is_valid():
        return _render_register(request, policy, person_form=form, status=400)
    records = selectors.person_records(policy.organisation_id, form.cleaned_data["email"])
    services.person_export_audit(policy=policy, user=request.user)
    if form.cleaned_data["format"] == "json":
        response = HttpResponse(
            json.dumps(records, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personal-records.json"'
        return response
    keys = ["record", "name", "email", "policy", "policy_id", "version", "fingerprint"]
    keys += ["method", "when", "added", "last_link_sent", "subject", "body", "status"]
    rows = [keys] + [[record.get(k, "") for k in keys] for record in records]
    return _csv_response(rows, "personal-records.csv")


@policy_post
def person_erase(request: HttpRequest, policy: Policy) -> HttpResponse:
    services.require_staff_manager(request.user, policy)
    form = EraseForm(request.POST, auto_id="erase-%s")
    if not form.is_valid():
        return _render_register(request, policy, erase_form=form, status=400)
    erased = services.person_erase(
        policy=policy, user=request.user, email=form.cleaned_data["email"]
    )
    messages.success(request, _("%(count)s records of this person are erased.") % {"count": erased})
    return redirect("acknowledgement_register", pk=policy.pk)
