"""Thin views of the consultant workspace: all clients at a glance, copying a policy to another
client, and the consultant's own templates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wizard import copying
from wizard.middleware import SESSION_KEY
from wizard.models import Membership, Organisation, Policy, PolicyTemplate
from wizard.permissions import get_policy_or_404, is_consultant
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


def current_policies():
    return Policy.objects.exclude(status=Policy.Status.ARCHIVED)


def clients_of(user):
    """The consultant's client organisations, with how many current (not archived) policies
    each has (`current_policy_count`) and the last-changed time of the oldest one the
    workspace shows (`shown_since`, None when it shows them all).

    Both are subqueries per organisation on the policy_org_updated index: a page of clients
    costs the same however many policies they have.
    """
    per_client = current_policies().filter(organisation=OuterRef("pk"))
    count = per_client.order_by().values("organisation").annotate(n=Count("pk")).values("n")
    latest = per_client.order_by("-updated_at", "-pk").values("updated_at")
    return (
        Organisation.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.CONSULTANT
        )
        .only("pk", "name")
        .annotate(
            current_policy_count=Coalesce(Subquery(count), 0),
            shown_since=Subquery(latest[POLICIES_PER_CLIENT - 1 : POLICIES_PER_CLIENT]),
        )
        .order_by("name", "pk")
    )


def with_latest_policies(organisations) -> list[Organisation]:
    """The organisations (from `clients_of`) with their latest current policies, at most
    POLICIES_PER_CLIENT each, as `current_policies`: one query, which reads a few index
    entries per organisation (a client's thousand policies are not read to show five)."""
    organisations = list(organisations)
    shown = Q(pk__in=[])
    for organisation in organisations:
        of_client = Q(organisation_id=organisation.pk)
        if organisation.shown_since is not None:
            of_client &= Q(updated_at__gte=organisation.shown_since)
        shown |= of_client
    policies = (
        current_policies()
        .filter(shown)
        .select_related("updated_by")
        .only(
            "pk",
            "title",
            "status",
            "organisation_id",
            "updated_at",
            "next_review_date",
            "updated_by__username",
        )
        .order_by("-updated_at", "-pk")
    )
    by_client = defaultdict(list)
    for policy in policies:  # no query at all when there are no organisations
        by_client[policy.organisation_id].append(policy)
    for organisation in organisations:
        # More than POLICIES_PER_CLIENT only when several share the oldest shown time.
        organisation.current_policies = by_client[organisation.pk][:POLICIES_PER_CLIENT]
    return organisations


@login_required
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    require_consultant(request.user)
    page = Paginator(clients_of(request.user), CLIENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_latest_policies(page.object_list)
    return render(request, "workspace/workspace.html", {"page": page})


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
