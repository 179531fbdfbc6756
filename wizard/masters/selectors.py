"""Reads of master policies: a consultant's own masters, a master's derived policies, the
proposed updates a member may see."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from wizard.masters.models import MasterPolicy, PolicyOrigin, ProposedUpdate
from wizard.organisations.models import Membership, Organisation


def masters_of(user) -> QuerySet[MasterPolicy]:
    """The user's masters, each with `latest_number` and `derived_count`."""
    return (
        MasterPolicy.objects.owned_by(user)
        .annotate(
            latest_number=Max("versions__number"),
            derived_count=Count("origins", distinct=True),
        )
        .order_by("title", "pk")
    )


def derived_policies(master: MasterPolicy, user) -> QuerySet[PolicyOrigin]:
    """The master's derived policies in organisations `user` advises, each with its waiting
    update (`open_update_count`)."""
    return (
        PolicyOrigin.objects.filter(
            master=master,
            policy__organisation__memberships__user=user,
            policy__organisation__memberships__role=Membership.Role.CONSULTANT,
        )
        .select_related("policy__organisation", "version")
        .annotate(
            open_update_count=Count(
                "proposals", filter=Q(proposals__status=ProposedUpdate.Status.OPEN)
            )
        )
        .order_by("policy__organisation__name", "pk")
    )


def client_organisations(user) -> QuerySet[Organisation]:
    """Where the user is the consultant: the only organisations a master reaches."""
    return Organisation.objects.for_user(user, roles={Membership.Role.CONSULTANT}).order_by(
        "name", "pk"
    )


def updates_visible_to(user) -> QuerySet[ProposedUpdate]:
    """Proposed updates of the policies of the user's organisations; none of any other."""
    if not user.is_authenticated:
        return ProposedUpdate.objects.none()
    return ProposedUpdate.objects.filter(
        policy__organisation__memberships__user=user
    ).select_related("policy__organisation", "from_version", "to_version__master")


def origin_of(policy) -> PolicyOrigin | None:
    return PolicyOrigin.objects.filter(policy=policy).select_related("master", "version").first()


def open_update_of(policy) -> ProposedUpdate | None:
    return (
        ProposedUpdate.objects.filter(policy=policy, status=ProposedUpdate.Status.OPEN)
        .select_related("to_version")
        .first()
    )
