"""The six steps as a list: their order, their URLs, and which are complete."""

from __future__ import annotations

from django.core.cache import caches
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.policies.document import policy_document
from wizard.policies.forms import block_form_errors
from wizard.policies.models import Policy
from wizard.policies.services import content_hash
from wizard.remembered import remembered
from wizard.text import interface_language, text_in

STEP_KEYS = [block.key for block in BLOCKS]
# Where a user's version waits while they choose in an edit conflict.
CONFLICT_SESSION_KEY = "policy_conflict_{pk}_{step}"
# Completeness is kept in each worker's memory for a day (the key moves on with every save).
INCOMPLETE_TIMEOUT = 60 * 60 * 24


def step_url(policy: Policy, step: str) -> str:
    return reverse("wizard_step", kwargs={"pk": policy.pk, "step": step})


def resume_url(policy: Policy) -> str:
    """Where a policy reopens: the step it was last saved at."""
    if policy.last_step == "review":
        return reverse("policy_review", kwargs={"pk": policy.pk})
    step = policy.last_step if policy.last_step in BLOCKS_BY_KEY else STEP_KEYS[0]
    return step_url(policy, step)


def incomplete_blocks(policy: Policy) -> list[str]:
    """Keys of the blocks whose stored content would not pass their step's validation.

    Validating the six blocks takes about 2 ms, and the step list of every step and review
    page shows the result, so it is remembered: on the policy object for this request (as
    ModelBackend keeps `_perm_cache` on the user), and in the worker's memory (the "local"
    cache, emptied by every restart, so never older than the code) under the policy's id and
    `updated_at`. Each is kept with the language and content it was worked out for and used
    only for exactly those, so a change that did not move `updated_at` is never missed.
    """
    worked_out_for = (policy.language, content_hash(policy.content))
    memo = getattr(policy, "_incomplete_blocks", None)
    if memo is not None and memo[0] == worked_out_for:
        return list(memo[1])
    key = f"incomplete:{policy.pk}:{policy.updated_at.timestamp()}" if policy.updated_at else None
    kept = caches["local"].get(key) if key else None
    if kept is not None and kept[0] == worked_out_for:
        result = list(kept[1])
    else:
        result = [block.key for block in BLOCKS if block_form_errors(policy, block)]
        if key:
            caches["local"].set(key, (worked_out_for, result), INCOMPLETE_TIMEOUT)
    policy._incomplete_blocks = (worked_out_for, result)
    return list(result)


def step_list(policy: Policy, current: str | None) -> list[dict]:
    ui = interface_language()
    incomplete = set(incomplete_blocks(policy))
    return [
        {
            "key": block.key,
            "number": number,
            "title": text_in(block.title, ui),
            "url": step_url(policy, block.key),
            "complete": block.key not in incomplete,
            "current": block.key == current,
        }
        for number, block in enumerate(BLOCKS, start=1)
    ]


def steps_nav(policy: Policy, current: str | None, *, editable: bool = True) -> SafeString:
    """The list of steps beside a step (`current`) or on the review page (None), rendered once
    per change of which steps are complete (wizard/remembered.py)."""
    on_review = current is None
    return remembered(
        f"steps-nav:{policy.pk}:{current or 'review'}:{int(editable)}:{get_language()}",
        "policies/_steps_nav.html",
        lambda: {
            "steps_list": step_list(policy, current),
            "policy": policy,
            "wizard": not on_review,
            "on_review": on_review,
            "editable": editable,
        },
        made_from=tuple(incomplete_blocks(policy)),
    )


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
