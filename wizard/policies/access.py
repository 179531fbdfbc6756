"""Who may see and do what with a policy.

Another organisation's policy is never "forbidden": it is simply not in the user's querysets
(`Policy.objects.visible_to`), so it answers 404 exactly like a policy that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wizard.organisations.models import AUTHOR_ROLES, REVIEWER_ROLES, Membership
from wizard.policies.models import Policy

NOT_AN_AUTHOR = _("Only editors and consultants of this organisation can change its policies.")
NOT_A_REVIEWER = _("Only reviewers of this organisation can do this.")
SESSION_ENDED = _("You are logged out. Log in again to save your text; it stays on this page.")
METHOD_NOT_ALLOWED = _("This address only takes what the page sends.")


def get_policy_or_404(user, pk, *, related: tuple[str, ...] = ()) -> Policy:
    """The policy, with its organisation and the user's role in it (`viewer_role`), in one
    query; also with the `related` objects a page reads (one-to-one relations).

    Only a policy of an organisation the user is a member of is found: any other id, of
    another organisation or of none, is the same 404.
    """
    # URLs give an int; anything else must be plain ASCII digits (int() would also take "١").
    if isinstance(pk, str) and pk.isascii() and pk.isdigit():
        pk = int(pk)
    if type(pk) is not int:
        raise Http404
    # get_object_or_404 compiles no ORDER BY (`.first()` would: a fifth of this query's cost).
    policies = Policy.objects.visible_to(user)
    if related:  # select_related() without names would follow every foreign key
        policies = policies.select_related(*related)
    policy = get_object_or_404(policies, pk=pk)
    policy.viewer = user
    return policy


def open_policy_or_404(request: HttpRequest, pk, *, related: tuple[str, ...] = ()) -> Policy:
    """`get_policy_or_404` for a page of the policy: the policy's organisation becomes the
    current one, so the header never names another organisation than the page."""
    policy = get_policy_or_404(request.user, pk, related=related)
    memberships = getattr(request, "memberships", None)
    if memberships is not None:
        memberships.open(policy.organisation_id)
    return policy


def lock_policy_for_author(user, pk: int) -> Policy:
    """The policy read again for a write, its row locked until the transaction ends (a
    colleague may have saved meanwhile), with its organisation and the user's role in the same
    one query as `get_policy_or_404`; refused unless the user may change it."""
    policy = Policy.objects.visible_to(user).select_for_update(of=("self",)).filter(pk=pk).first()
    if policy is None:
        raise PermissionDenied(NOT_AN_AUTHOR)
    policy.viewer = user
    require_author(user, policy)
    return policy


def policy_role(user, policy: Policy) -> str | None:
    """The user's role in the policy's organisation; no query when the policy was read for
    this user (get_policy_or_404)."""
    if getattr(policy, "viewer", None) == user and hasattr(policy, "viewer_role"):
        return policy.viewer_role
    return Membership.objects.role_of(user, policy.organisation_id)


def can_edit(user, policy: Policy) -> bool:
    return policy_role(user, policy) in AUTHOR_ROLES


def can_review(user, policy: Policy) -> bool:
    return policy_role(user, policy) in REVIEWER_ROLES


def require_author(user, policy: Policy) -> None:
    if not can_edit(user, policy):
        raise PermissionDenied(NOT_AN_AUTHOR)


def require_reviewer(user, policy: Policy) -> None:
    if not can_review(user, policy):
        raise PermissionDenied(NOT_A_REVIEWER)


def policy_post(view: Callable) -> Callable:
    """A POST-only action on one of the user's policies, passed in as `policy`.

    The policy is looked up first: another organisation's policy is 404 for every method,
    exactly like one that does not exist. Opening the action's address (as the browser does
    after a login that the action asked for) leads to the policy, and does nothing.
    """

    @login_required
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        policy = get_policy_or_404(request.user, pk)
        if request.method == "GET":
            return redirect(policy)
        return view(request, policy, **kwargs)

    return wrapper


def policy_post_confirmed(view: Callable) -> Callable:
    """Like `policy_post`, for an action that cannot be undone and asks first: a GET of the
    same address is its confirmation page (which writes nothing), the POST there does it."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        return view(request, get_policy_or_404(request.user, pk), **kwargs)

    return wrapper


def wants_json(request: HttpRequest) -> bool:
    """A request of the page's script, which must get JSON, never a page: it asks for JSON, or
    its URL is an endpoint made with `script_endpoint` (autosave)."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "answers_json", False)


def script_endpoint(view: Callable) -> Callable:
    """An endpoint of the page's script (autosave), which answers JSON whatever the status.

    A wrong method is a 405 and an ended session a 401 (not a redirect to the login page,
    which the script would take for a saved answer), both here; a missing policy or step, a
    refusal, a malformed or oversized body, a stale CSRF token or a rate limit reach the site's
    error views (wizard/views.py), which answer JSON on such a URL (`wants_json`).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            response = JsonResponse(
                {"error": "method", "message": str(METHOD_NOT_ALLOWED)}, status=405
            )
            response["Allow"] = "POST"
            return response
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login", "message": str(SESSION_ENDED)}, status=401)
        return view(request, *args, **kwargs)

    wrapper.answers_json = True
    return wrapper
