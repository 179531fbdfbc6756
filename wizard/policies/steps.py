"""The six steps as a list: their order, their URLs, which are complete and which checked."""

from __future__ import annotations

from django.urls import reverse

from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.policies.document import policy_document
from wizard.policies.models import Policy
from wizard.text import interface_language, text_in

STEP_KEYS = [block.key for block in BLOCKS]
# Where a user's version waits while they choose in an edit conflict.
CONFLICT_SESSION_KEY = "policy_conflict_{pk}_{step}"


def step_url(policy: Policy, step: str) -> str:
    return reverse("wizard_step", kwargs={"pk": policy.pk, "step": step})


def resume_url(policy: Policy) -> str:
    """Where a policy reopens: the step it was last saved at."""
    if policy.last_step == "review":
        return reverse("policy_review", kwargs={"pk": policy.pk})
    step = policy.last_step if policy.last_step in BLOCKS_BY_KEY else STEP_KEYS[0]
    return step_url(policy, step)


def step_list(policy: Policy, current: str | None) -> list[dict]:
    """The six steps as the list beside a step (`current`) or on the review page (None).

    A complete step is "checked" once a person has checked it, and "pre-filled" (not yet
    checked) while it holds only what the intake, a copy or a template filled in.
    """
    ui = interface_language()
    incomplete = set(policy.incomplete_steps)
    checked = set(policy.checked_steps)
    return [
        {
            "key": block.key,
            "number": number,
            "title": text_in(block.title, ui),
            "url": step_url(policy, block.key),
            "complete": block.key not in incomplete,
            "checked": block.key not in incomplete and block.key in checked,
            "prefilled": block.key not in incomplete and block.key not in checked,
            "current": block.key == current,
        }
        for number, block in enumerate(BLOCKS, start=1)
    ]


def conflict_context(policy: Policy, step: str, mine: dict) -> dict:
    """What the conflict choice shows: the block as the user typed it and as it is stored."""
    index = STEP_KEYS.index(step)
    mine_document = policy_document(policy, {**policy.content, step: mine})
    return {
        "policy": policy,
        "step": step,
        "block_title": text_in(BLOCKS_BY_KEY[step].title, interface_language()),
        "mine": mine_document.sections[index],
        "theirs": policy_document(policy).sections[index],
        "updated_by": policy.updated_by,
    }
