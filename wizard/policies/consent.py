"""Which consent the policy needs before it takes effect, worked out from its content and the
organisation's participation body: a hint to check, shown on the review page, not legal advice.

Rules of conduct as such are not on the works council's list (WOR art. 27 lid 1); monitoring is
(under l), and so are rules on staff personal data (under k). A staff representation is
consulted and consents only on working time and safety (WOR art. 35c); at a school the staff
section of the (joint) participation council consents (WMS art. 12); a collective agreement
that settles the matter removes the right (WOR art. 27 lid 3).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from wizard.organisations.models import SCHOOL_BODIES, ParticipationBody

# The bodies whose consent (not only advice) a policy that announces checks needs.
CONSENTING_BODIES = frozenset({ParticipationBody.WORKS_COUNCIL}) | SCHOOL_BODIES
MONITORING = "announced-checks"


def sets_up_monitoring(content: dict) -> bool:
    """Whether the policy announces checks of work accounts and devices (staff data too)."""
    return (content.get("productivity") or {}).get("monitoring") == MONITORING


def consent_hint(policy) -> str:
    """One plain paragraph: who must consent (or be consulted) and the legal source."""
    organisation = policy.organisation
    body = organisation.participation_body
    monitoring = sets_up_monitoring(policy.content or {})
    if body == ParticipationBody.NONE:
        hint = _(
            "Your organisation has no participation body: the management adopts the policy "
            "alone, and the policy says so."
        )
    elif organisation.collective_agreement_settles:
        hint = _(
            "A collective agreement already settles these rules, so no consent is needed for "
            "what it settles (WOR art. 27 lid 3). Check that it covers what this policy says."
        )
    elif body == ParticipationBody.STAFF_REPRESENTATION:
        hint = _(
            "Consult the staff representation before the policy takes effect and record the "
            "date. Its consent is needed only for rules on working time and safety "
            "(WOR art. 35c)."
        )
    elif body in SCHOOL_BODIES and monitoring:
        hint = _(
            "The staff section of the participation council must consent before the policy "
            "takes effect, because it announces checks of staff (WMS art. 12). Record the date "
            "of its consent."
        )
    elif body in SCHOOL_BODIES:
        hint = _(
            "This policy announces no checks of staff. Ask the staff section of the "
            "participation council whether it touches its right of consent (WMS art. 12)."
        )
    elif monitoring:
        hint = _(
            "The works council must consent before the policy takes effect: it announces "
            "checks (WOR art. 27 lid 1 under l) that use staff personal data (under k). Without "
            "consent the decision can be declared void (lid 5). Record the date of its "
            "consent."
        )
    else:
        hint = _(
            "This policy announces no checks, and rules of conduct as such are not on the works "
            "council's list (WOR art. 27 lid 1). Do your own words add checks (under l) or rules "
            "on staff personal data (under k)? Then they need its consent."
        )
    disclaimer = _("This is a hint to check, not legal advice.")
    return f"{hint} {disclaimer}"


def consent_needed(policy) -> bool:
    """Whether the body's consent must be recorded before the policy is published: a works
    council or a school's staff section, for a policy that announces checks, unless a
    collective agreement settles it. A staff representation is consulted, not asked to consent."""
    organisation = policy.organisation
    return (
        organisation.participation_body in CONSENTING_BODIES
        and not organisation.collective_agreement_settles
        and sets_up_monitoring(policy.content or {})
    )


def consent_rules_changed(old: dict, new: dict) -> bool:
    """Whether going from `old` content to `new` touches the rules the body consents to: the
    checks of work accounts and devices (the productivity block), announced before or after."""
    if not (sets_up_monitoring(old or {}) or sets_up_monitoring(new or {})):
        return False
    return ((old or {}).get("productivity") or {}) != ((new or {}).get("productivity") or {})


def consent_needed_q() -> Q:
    """`consent_needed` as a condition on policies, for a list that reads it for many rows in
    one query."""
    return Q(
        organisation__participation_body__in=CONSENTING_BODIES,
        organisation__collective_agreement_settles=False,
        content__productivity__monitoring=MONITORING,
    )
