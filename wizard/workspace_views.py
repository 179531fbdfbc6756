"""Thin views of the consultant workspace: all clients at a glance, copying a policy to another
client, and the consultant's own templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wizard import copying
from wizard.fragments import fragment_key
from wizard.middleware import SESSION_KEY
from wizard.models import Membership, Organisation, Policy, PolicyTemplate
from wizard.permissions import get_policy_or_404, is_consultant
from wizard.policy_rows import PolicyRow, latest_current_of_organisations
from wizard.review_forms import CopyForm, TemplateSaveForm, TemplateUseForm
from wizard.review_views import policy_post
from wizard.steps import resume_url

CLIENTS_PAGE_SIZE = 20
POLICIES_PER_CLIENT = 5  # the latest; the client's own dashboard lists more
TEMPLATES_PAGE_SIZE = 25

NOT_A_CONSULTANT_WORKSPACE = gettext_lazy("The workspace is for consultants.")


def require_consultant(user) -> None:
    if not is_consultant(user):
        raise PermissionDenied(NOT_A_CONSULTANT_WORKSPACE)


def require_consultant_of(request: HttpRequest) -> None:
    """require_consultant, answered from the header's memberships (read for every page
    anyway) when they tell."""
    if not request.memberships.has_role(Membership.Role.CONSULTANT):
        raise PermissionDenied(NOT_A_CONSULTANT_WORKSPACE)


class ClientCard:
    """One client card of the workspace: the organisation, how many current (not archived)
    policies it has and the latest of them (`PolicyRow`s, at most POLICIES_PER_CLIENT)."""

    __slots__ = ("pk", "name", "current_policy_count", "current_policies")

    def __init__(self, pk: int, name: str, current_policy_count: int) -> None:
        self.pk = pk
        self.name = name
        self.current_policy_count = current_policy_count
        self.current_policies: list[PolicyRow] = []

    def __repr__(self) -> str:
        return f"<ClientCard {self.pk}: {self.name!r}>"

    @property
    def key(self) -> tuple:
        """Everything the card shows, for the fragment key."""
        return (
            self.pk,
            self.name,
            self.current_policy_count,
            [policy.key for policy in self.current_policies],
        )

    @property
    def card_key(self) -> str:
        """The fragment key of this card alone: read only when the whole list is not cached
        (a change to one client re-renders its card, not all twenty)."""
        return fragment_key("workspace-client", self.key)

    @property
    def has_more(self) -> bool:
        return self.current_policy_count > len(self.current_policies)


@cache
def _clients_sql(vendor: str) -> tuple[str, str]:
    """(count, page) of a consultant's clients, built once per database: names from the
    models' _meta, quoted by the backend; every value a %s placeholder."""
    quote = connection.ops.quote_name
    membership, organisation, policy = Membership._meta, Organisation._meta, Policy._meta

    def col(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    memberships = quote(membership.db_table)
    user, role = col(membership, "user"), col(membership, "role")
    of_user = f"WHERE m.{user} = %s AND m.{role} = %s"
    count = f"SELECT COUNT(*) FROM {memberships} m {of_user}"  # noqa: S608 - names from _meta
    name, pk = col(organisation, "name"), quote(organisation.pk.column)
    # The page of clients is chosen first and their policies counted after, so only the 20
    # shown are counted, not all of a consultant's clients.
    page = (
        f"SELECT c.pk, c.name, (SELECT COUNT(*) FROM {quote(policy.db_table)} n"  # noqa: S608 - _meta
        f" WHERE n.{col(policy, 'organisation')} = c.pk AND n.{col(policy, 'status')} <> %s)"
        f" FROM (SELECT o.{pk} AS pk, o.{name} AS name FROM {memberships} m"
        f" JOIN {quote(organisation.db_table)} o ON o.{pk} = m.{col(membership, 'organisation')}"
        f" {of_user} ORDER BY o.{name}, o.{pk} LIMIT %s OFFSET %s) c"
        " ORDER BY c.name, c.pk"
    )
    return count, page


class ConsultantClients:
    """The consultant's client organisations by name, as a Paginator reads them: `count()`
    and a slice, each one query that starts from the user's memberships (raw SQL, see
    wizard.policy_rows for why)."""

    def __init__(self, user) -> None:
        self.params = [user.pk, Membership.Role.CONSULTANT.value]

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(_clients_sql(connection.vendor)[0], self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, page: slice) -> list[ClientCard]:
        start, stop = page.start or 0, page.stop
        with connection.cursor() as cursor:
            cursor.execute(
                _clients_sql(connection.vendor)[1],
                [Policy.Status.ARCHIVED.value, *self.params, stop - start, start],
            )
            return [ClientCard(*row) for row in cursor.fetchall()]


def with_latest_policies(clients: list[ClientCard]) -> list[ClientCard]:
    """The clients with their latest current policies, at most POLICIES_PER_CLIENT each: one
    query, which reads a few index entries per organisation (a client's thousand policies are
    not read to show five)."""
    latest = latest_current_of_organisations([c.pk for c in clients], POLICIES_PER_CLIENT)
    for client in clients:
        client.current_policies = latest[client.pk]
    return clients


@login_required
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    require_consultant_of(request)
    page = Paginator(ConsultantClients(request.user), CLIENTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = with_latest_policies(page.object_list)
    return render(
        request,
        "workspace/workspace.html",
        {
            "page": page,
            # The client cards are rendered once per fingerprint of all they show; the CSRF
            # token is in the one form outside them that every Open button submits.
            "clients_key": fragment_key("workspace", [client.key for client in page.object_list]),
        },
    )


@login_required
def policy_copy(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    organisations = copying.author_organisations_for(request.user)
    if not organisations.filter(pk=policy.organisation_id).exists():
        raise PermissionDenied(copying.NOT_AN_AUTHOR_OF_SOURCE)
    form = CopyForm(
        request.POST or None, organisations=organisations, initial={"title": policy.title}
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["organisation"]
        copy = copying.policy_copy_to_organisation(
            policy=policy, organisation=target, user=request.user, title=form.cleaned_data["title"]
        )
        request.session[SESSION_KEY] = target.pk
        messages.success(
            request,
            _("The copy is a new draft of %(organisation)s, with its details.")
            % {"organisation": target.name},
        )
        return redirect("policy_review", pk=copy.pk)
    return render(request, "workspace/copy.html", {"policy": policy, "form": form})


# --- Templates ------------------------------------------------------------------------------


@login_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    require_consultant(request.user)
    templates = copying.templates_for(request.user).only("pk", "title", "language", "created_at")
    page = Paginator(templates, TEMPLATES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/templates.html",
        {
            "page": page,
            # A list, read once: every template's form offers the same organisations.
            "organisations": list(
                copying.author_organisations_for(request.user).only("pk", "name")
            ),
            "current_organisation_id": request.session.get(SESSION_KEY),
        },
    )


@policy_post
def template_save(request: HttpRequest, policy: Policy) -> HttpResponse:
    form = TemplateSaveForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    template = copying.template_save(policy=policy, user=request.user, title=title)
    messages.success(request, _("Saved as your template “%(title)s”.") % {"title": template.title})
    return redirect("template_list")


def template_post(view: Callable) -> Callable:
    """A POST-only action on one of the user's own templates; anyone else's is 404."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        template = get_object_or_404(copying.templates_for(request.user), pk=pk)
        return view(request, template)

    return wrapper


@template_post
def template_use(request: HttpRequest, template: PolicyTemplate) -> HttpResponse:
    form = TemplateUseForm(
        request.POST, organisations=copying.author_organisations_for(request.user)
    )
    if not form.is_valid():
        messages.error(request, _("Choose an organisation you write policies for."))
        return redirect("template_list")
    organisation = form.cleaned_data["organisation"]
    policy = copying.template_use(
        template=template,
        organisation=organisation,
        user=request.user,
        title=form.cleaned_data["title"],
    )
    request.session[SESSION_KEY] = organisation.pk
    return redirect(resume_url(policy))


@template_post
def template_delete(request: HttpRequest, template: PolicyTemplate) -> HttpResponse:
    copying.template_delete(template=template, user=request.user)
    messages.success(request, _("The template “%(title)s” is deleted.") % {"title": template.title})
    return redirect("template_list")
