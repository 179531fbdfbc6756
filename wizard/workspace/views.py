"""Thin views of the consultant workspace: all clients at a glance, copying a policy to another
client, and the consultant's own templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wizard.organisations.middleware import SESSION_KEY
from wizard.organisations.models import Membership
from wizard.policies.access import get_policy_or_404, policy_post
from wizard.policies.models import Policy
from wizard.policies.steps import resume_url
from wizard.workspace import copying, selectors
from wizard.workspace.forms import CopyForm, TemplateSaveForm, TemplateUseForm
from wizard.workspace.models import PolicyTemplate

CLIENTS_PAGE_SIZE = 20
TEMPLATES_PAGE_SIZE = 25

NOT_A_CONSULTANT_WORKSPACE = gettext_lazy("The workspace is for consultants.")


def require_consultant(user) -> None:
    if not Membership.objects.has_role(user, Membership.Role.CONSULTANT):
        raise PermissionDenied(NOT_A_CONSULTANT_WORKSPACE)


@login_required
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    require_consultant(request.user)
    page = Paginator(selectors.consultant_clients(request.user), CLIENTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.with_latest_policies(list(page.object_list))
    return render(
        request,
        "workspace/workspace.html",
        {"page": page, "policies_per_client": selectors.POLICIES_PER_CLIENT},
    )


def dropped_clauses(request: HttpRequest, foreign: list[dict]) -> frozenset[str]:
    """The other sector's clauses the consultant did not tick to keep."""
    kept = set(request.POST.getlist("keep"))
    return frozenset(clause["value"] for clause in foreign if clause["value"] not in kept)


@login_required
def policy_copy(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_or_404(request.user, pk)
    organisations = selectors.author_organisations(request.user)
    if not organisations.filter(pk=policy.organisation_id).exists():
        raise PermissionDenied(copying.NOT_AN_AUTHOR_OF_SOURCE)
    form = CopyForm(
        request.POST or None, organisations=organisations, initial={"title": policy.title}
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["organisation"]
        foreign = copying.foreign_clauses(policy.content, target, policy.language)
        if foreign and request.POST.get("fit_for") != str(target.pk):
            # Clauses of another sector: the consultant keeps or drops each before copying.
            return render(
                request,
                "workspace/copy.html",
                {"policy": policy, "form": form, "foreign": foreign, "fit_for": target.pk},
            )
        copy = copying.policy_copy_to_organisation(
            policy=policy,
            organisation=target,
            user=request.user,
            title=form.cleaned_data["title"],
            dropped=dropped_clauses(request, foreign),
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
    templates = selectors.templates_of(request.user).only("pk", "title", "language", "created_at")
    page = Paginator(templates, TEMPLATES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/templates.html",
        {
            "page": page,
            # A list, read once: every template's form offers the same organisations.
            "organisations": list(selectors.author_organisations(request.user).only("pk", "name")),
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
        template = get_object_or_404(selectors.templates_of(request.user), pk=pk)
        return view(request, template)

    return wrapper


@template_post
def template_use(request: HttpRequest, template: PolicyTemplate) -> HttpResponse:
    form = TemplateUseForm(request.POST, organisations=selectors.author_organisations(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose an organisation you write policies for."))
        return redirect("template_list")
    organisation = form.cleaned_data["organisation"]
    foreign = copying.foreign_clauses(template.content, organisation, template.language)
    if foreign and request.POST.get("fit_for") != str(organisation.pk):
        return render(
            request,
            "workspace/template_fit.html",
            {"template": template, "form": form, "foreign": foreign, "fit_for": organisation.pk},
        )
    policy = copying.template_use(
        template=template,
        organisation=organisation,
        user=request.user,
        title=form.cleaned_data["title"],
        dropped=dropped_clauses(request, foreign),
    )
    request.session[SESSION_KEY] = organisation.pk
    return redirect(resume_url(policy))


@template_post
def template_delete(request: HttpRequest, template: PolicyTemplate) -> HttpResponse:
    copying.template_delete(template=template, user=request.user)
    messages.success(request, _("The template “%(title)s” is deleted.") % {"title": template.title})
    return redirect("template_list")
