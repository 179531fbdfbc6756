"""Reads of master policies: a consultant's own masters, a master's derived policies, the
proposed updates a member may see."""

from __future__ import annotations

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from wizard.masters.models import MasterPolicy, MasterVersion, PolicyOrigin, ProposedUpdate
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


def send_candidates(master: MasterPolicy, user, version: MasterVersion) -> QuerySet[PolicyOrigin]:
    """The derived policies `version` can go to: in organisations `user` advises and not at
    that version yet, each with its policy's status and organisation (no content) and the
    number of the master version of its waiting update (`waiting_number`, or None)."""
    waiting = ProposedUpdate.objects.filter(
        policy=OuterRef("policy"), status=ProposedUpdate.Status.OPEN
    ).order_by("-pk")
    return (
        PolicyOrigin.objects.filter(
            master=master,
            policy__organisation__memberships__user=user,
            policy__organisation__memberships__role=Membership.Role.CONSULTANT,
        )
        .exclude(version=version)
        .select_related("policy__organisation")
        .only(
            "master_id",
            "version_id",
            "policy__title",
            "policy__status",
            "policy__version_label",
            "policy__organisation__name",
            "policy__organisation__participation_body",
            "policy__organisation__collective_agreement_settles",
        )
        .annotate(waiting_number=Subquery(waiting.values("to_version__number")[:1]))
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
