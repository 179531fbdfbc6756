"""Reusing a good policy: copy it to another client, or keep it as a consultant's template.

A copy keeps every choice and text but never the first client's details: wherever that client's
name, contact person or contact e-mail appear in the free texts (own words, the lines fields),
they are swapped for the new client's. The chosen clauses need no swapping: their placeholders
are filled from the policy's own organisation when it is composed.
"""

from __future__ import annotations

import copy
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation
from wizard.policies.access import policy_role
from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY, offered_in
from wizard.policies.document import organisation_sector, placeholder_values
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import audit_policy, policy_start_draft
from wizard.text import fill, text_in
from wizard.workspace.models import PolicyTemplate

NOT_AN_AUTHOR_OF_SOURCE = _("You can only copy a policy of an organisation you write policies for.")
NOT_AN_AUTHOR_OF_TARGET = _("You can only copy a policy to an organisation you write policies for.")
ONLY_CONSULTANTS_KEEP_TEMPLATES = _("Only consultants of this organisation can save templates.")
NOT_YOUR_TEMPLATE = _("This template is not yours.")
CANNOT_START_HERE = _("You can only start a policy for an organisation you write policies for.")

# Field kinds whose values are the user's own words (the others hold option keys).
FREE_TEXT_KINDS = ("line", "lines")


def _replacer(replacements: dict[str, str]):
    """Replace every key by its value in one pass: longest first, never a replacement twice."""
    olds = sorted((old for old, new in replacements.items() if old and old != new), key=len)
    if not olds:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(old) for old in reversed(olds)))
    return lambda text: pattern.sub(lambda match: replacements[match[0]], text)


def swap_details(content: dict, replacements: dict[str, str]) -> dict:
    """`content` with `replacements` made in its free texts only."""
    replace = _replacer(replacements)
    swapped = copy.deepcopy(content)
    for block in BLOCKS:
        stored = swapped.get(block.key)
        if not isinstance(stored, dict):
            continue
        if isinstance(stored.get("own_text"), str):
            stored["own_text"] = replace(stored["own_text"])
        for block_field in block.fields:
            if block_field.kind not in FREE_TEXT_KINDS:
                continue
            value = stored.get(block_field.key)
            if isinstance(value, str):
                stored[block_field.key] = replace(value)
            elif isinstance(value, list):
                stored[block_field.key] = [
                    replace(item) if isinstance(item, str) else item for item in value
                ]
    return swapped


def foreign_clauses(content: dict, organisation: Organisation, language: str) -> list[dict]:
    """The chosen clauses of `content` that `organisation`'s sector is not offered (a school's
    pupils in a bakery's policy): {"value": "<block>:<clause>", "text": ...} each, for the
    consultant to keep or drop before the copy is made."""
    sector = organisation_sector(organisation)
    # The texts as the new client would print them ({clients} in its own sector's words).
    values = placeholder_values(Policy(organisation=organisation, language=language))
    found = []
    for block in BLOCKS:
        chosen = set((content.get(block.key) or {}).get("clauses") or [])
        for clause in block.clauses:
            if clause.key in chosen and not offered_in(clause, sector):
                text = fill(text_in(clause.text, language), values)
                found.append({"value": f"{block.key}:{clause.key}", "text": text})
    return found


def without_clauses(content: dict, dropped: set[str]) -> dict:
    """`content` without the clauses named "<block>:<clause>" in `dropped`."""
    trimmed = copy.deepcopy(content)
    for value in dropped:
        block_key, _, clause_key = value.partition(":")
        stored = trimmed.get(block_key)
        if block_key in BLOCKS_BY_KEY and isinstance(stored, dict):
            stored["clauses"] = [c for c in stored.get("clauses") or [] if c != clause_key]
    return trimmed


def _details_of(name: str, contact_person: str, contact_email: str) -> dict[str, str]:
    return {"organisation": name, "contact_person": contact_person, "contact_email": contact_email}


def _new_draft(
    *,
    organisation: Organisation,
    user,
    title: str,
    language: str,
    content: dict,
    old: dict[str, str],
    last_step: str = "",
    action: str,
    detail: str,
) -> Policy:
    """A draft for `organisation` with its contact details, where `old`'s details in the free
    texts and the title are swapped for the new organisation's."""
    unsaved = Policy(
        organisation=organisation,
        language=language,
        contact_person=organisation.contact_person,
        contact_email=organisation.contact_email,
    )
    # The new organisation's values, with the same fallbacks the printed policy uses, so a
    # client without a contact person gets "your manager", never the previous client's name.
    new = placeholder_values(unsaved)
    replacements = {
        old[key]: new[key] for key in ("organisation", "contact_person", "contact_email")
    }
    return policy_start_draft(
        organisation=organisation,
        user=user,
        title=_replacer(replacements)(title),
        language=language,
        content=swap_details(content, replacements),
        last_step=last_step,
        action=action,
        detail=detail,
    )


@transaction.atomic
def policy_copy_to_organisation(
    *,
    policy: Policy,
    organisation: Organisation,
    user,
    title: str = "",
    dropped: frozenset[str] = frozenset(),
) -> Policy:
    """Copy `policy` into `organisation` as a new draft, with that organisation's details and
    without the clauses in `dropped` ("<block>:<clause>", see `foreign_clauses`)."""
    if policy_role(user, policy) not in AUTHOR_ROLES:
        raise PermissionDenied(NOT_AN_AUTHOR_OF_SOURCE)
    if Membership.objects.role_of(user, organisation.pk) not in AUTHOR_ROLES:
        raise PermissionDenied(NOT_AN_AUTHOR_OF_TARGET)
    # Ids only: neither client learns the other's name from its audit trail.
    draft = _new_draft(
        organisation=organisation,
        user=user,
        title=title or policy.title,
        language=policy.language,
        content=without_clauses(policy.content, set(dropped)),
        old=_details_of(
            policy.organisation.name,
            policy.contact_person_or_default(),
            policy.contact_email_or_default(),
        ),
        last_step=policy.last_step,
        action=AuditEvent.Action.COPY,
        detail=f"copied from policy #{policy.pk}",
    )
    audit_policy(policy, user, AuditEvent.Action.COPY, f"copied to policy #{draft.pk}")
    return draft


@transaction.atomic
def template_save(*, policy: Policy, user, title: str = "") -> PolicyTemplate:
    """A consultant keeps `policy` as a starting point of their own, for any client."""
    if policy_role(user, policy) != Membership.Role.CONSULTANT:
        raise PermissionDenied(ONLY_CONSULTANTS_KEEP_TEMPLATES)
    template = PolicyTemplate.objects.create(
        owner=user,
        title=title or policy.title,
        language=policy.language,
        content=policy.content,
        source_name=policy.organisation.name,
        source_contact_person=policy.contact_person_or_default(),
        source_contact_email=policy.contact_email_or_default(),
    )
    audit_policy(policy, user, AuditEvent.Action.SAVE_TEMPLATE)
    return template


@transaction.atomic
def template_use(
    *,
    template: PolicyTemplate,
    organisation: Organisation,
    user,
    title: str = "",
    dropped: frozenset[str] = frozenset(),
) -> Policy:
    """Start a draft for `organisation` from one of the user's templates (without the clauses
    in `dropped`)."""
    if template.owner_id != user.pk:
        raise PermissionDenied(NOT_YOUR_TEMPLATE)
    if Membership.objects.role_of(user, organisation.pk) not in AUTHOR_ROLES:
        raise PermissionDenied(CANNOT_START_HERE)
    return _new_draft(
        organisation=organisation,
        user=user,
        title=title or template.title,
        language=template.language,
        content=without_clauses(template.content, set(dropped)),
        old=_details_of(
            template.source_name, template.source_contact_person, template.source_contact_email
        ),
        action=AuditEvent.Action.CREATE,
        detail="from a template",
    )


def template_delete(*, template: PolicyTemplate, user) -> None:
    if template.owner_id != user.pk:
        raise PermissionDenied(NOT_YOUR_TEMPLATE)
    template.delete()
