"""The six-step wizard, on django-formtools, with the policy in the database as the truth.

Where this departs from plain formtools, and why:
- no wizard state lives in the session (each step is saved to the policy), so two tabs on
  two policies never share it and viewing a step writes nothing;
- a plain GET never resets anything: the form is filled from the policy as stored;
- only declared fields are kept, never raw POST keys;
- "Previous" and jumping to a step save what was typed first (formtools#284);
- an unknown or forged step name is a 404, never a KeyError;
- "Finish" checks every block as stored, so a skipped step can't be jumped over.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlSessionWizardView

from wizard.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.document import placeholder_values, policy_document, text_in
from wizard.forms import STEP_FORMS, block_form_errors, interface_language
from wizard.models import Policy
from wizard.permissions import can_edit, get_policy_or_404
from wizard.services import content_hash, policy_save_step
from wizard.workflow import NEW_VERSION_NOTICE, policy_editable_version

STEP_KEYS = [block.key for block in BLOCKS]
CONFLICT_SESSION_KEY = "policy_conflict_{pk}_{step}"


# Validity depends only on the stored content and the policy's language, so the answer is kept
# per process by that fingerprint (bounded; a changed policy simply gets a new key).
_INCOMPLETE_CACHE: OrderedDict[tuple[str, str], tuple[str, ...]] = OrderedDict()
_INCOMPLETE_CACHE_SIZE = 2048
_INCOMPLETE_LOCK = threading.Lock()


def incomplete_blocks(policy: Policy) -> list[str]:
    """Keys of the blocks whose stored content would not pass their step's validation."""
    key = (policy.language, content_hash(policy.content))
    found = _INCOMPLETE_CACHE.get(key)
    if found is None:
        found = tuple(block.key for block in BLOCKS if block_form_errors(policy, block))
        with _INCOMPLETE_LOCK:
            _INCOMPLETE_CACHE[key] = found
            while len(_INCOMPLETE_CACHE) > _INCOMPLETE_CACHE_SIZE:
                _INCOMPLETE_CACHE.popitem(last=False)
    return list(found)


def clear_incomplete_cache() -> None:
    with _INCOMPLETE_LOCK:
        _INCOMPLETE_CACHE.clear()


def step_url(policy: Policy, step: str) -> str:
    return reverse("wizard_step", kwargs={"pk": policy.pk, "step": step})


def resume_url(policy: Policy) -> str:
    """Where a policy reopens: the step it was last saved at."""
    if policy.last_step == "review":
        return reverse("policy_review", kwargs={"pk": policy.pk})
    step = policy.last_step if policy.last_step in BLOCKS_BY_KEY else STEP_KEYS[0]
    return step_url(policy, step)


def step_list(
    policy: Policy, current: str | None, incomplete: list[str] | None = None
) -> list[dict]:
    """The step list; pass `incomplete` when the caller has already validated the blocks."""
    ui = interface_language()
    incomplete = set(incomplete_blocks(policy) if incomplete is None else incomplete)
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


class PolicyWizardStorage(BaseStorage):
    """formtools' wizard state, for this request only.

    The database is the truth: every step is saved to the policy when submitted, a GET renders
    from the policy, and the URL names the step. So nothing of the wizard needs to live in the
    session, and opening or saving a step never writes the session row.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_data()

    def _get_data(self):
        return self._data

    def _set_data(self, value):
        self._data = value

    data = property(_get_data, _set_data)


class PolicyWizard(LoginRequiredMixin, NamedUrlSessionWizardView):
    form_list = STEP_FORMS
    storage_name = "wizard.steps.PolicyWizardStorage"
    template_name = "wizard/step.html"
    policy: Policy

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.policy = get_policy_or_404(request.user, kwargs["pk"])
        step = kwargs.get("step")
        if step is not None and step not in BLOCKS_BY_KEY:
            raise Http404(_("There is no such step."))
        if not can_edit(request.user, self.policy):
            raise PermissionDenied(_("You can read this policy but not change it."))
        if not self.policy.is_content_editable:
            # In review: read-only until decided. Approved or published: edits go to a new
            # draft version, and the approved one stays intact (wizard/workflow.py).
            try:
                draft = policy_editable_version(policy=self.policy, user=request.user)
            except PermissionDenied as refusal:
                messages.info(request, str(refusal))
                return redirect("policy_review", pk=self.policy.pk)
            messages.info(request, NEW_VERSION_NOTICE)
            return redirect(step_url(draft, step or STEP_KEYS[0]))
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs) -> str:
        return f"policy_wizard_{self.policy.pk}"

    def get_step_url(self, step: str) -> str:
        return step_url(self.policy, step)

    def get_form_kwargs(self, step=None) -> dict:
        return {"policy": self.policy}

    def get_form_initial(self, step: str) -> dict:
        stored = self.policy.content.get(step) or {}
        return {**stored, "base_hash": content_hash(stored)}

    def get(self, request, *args, **kwargs):
        step = kwargs["step"]
        self.storage.current_step = step
        return self.render(self.get_form(step=step))

    def post(self, request, *args, **kwargs):
        step = kwargs["step"]
        # The URL names the step; a posted management form can't point somewhere else.
        self.storage.current_step = step
        form = self.get_form(step=step, data=request.POST)
        goto = request.POST.get("wizard_goto_step")
        if goto is not None:
            if goto not in BLOCKS_BY_KEY and goto != "review":
                return HttpResponseBadRequest(_("There is no such step."))
            return self.save_draft_and_go(form, step, goto)
        if not form.is_valid():
            return self.render(form)
        is_last = step == STEP_KEYS[-1]
        # Going on means the user is now at the next step: that is where the policy reopens.
        next_step = step if is_last else STEP_KEYS[STEP_KEYS.index(step) + 1]
        result = policy_save_step(
            policy_id=self.policy.pk,
            user=request.user,
            step=step,
            data=form.block_data(),
            base_hash=form.cleaned_data.get("base_hash", ""),
            reopen_at=next_step,
            loaded=self.policy,
        )
        if result.conflict:
            return self.render_conflict(step, form.block_data(), result.theirs)
        self.policy = result.policy
        if is_last:
            return self.render_done(form, **kwargs)
        return redirect(self.get_step_url(next_step))

    def save_draft_and_go(self, form, step: str, goto: str):
        result = policy_save_step(
            policy_id=self.policy.pk,
            user=self.request.user,
            step=step,
            data=form.draft_data(),
            base_hash=self.request.POST.get(form.add_prefix("base_hash"), ""),
            loaded=self.policy,
        )
        if result.conflict:
            return self.render_conflict(step, form.draft_data(), result.theirs)
        if goto == "review":
            return self.render_done(form)
        return redirect(self.get_step_url(goto))

    def render_conflict(self, step: str, mine: dict, theirs: dict | None):
        # Keep the user's version server-side until they choose; nothing is lost.
        key = CONFLICT_SESSION_KEY.format(pk=self.policy.pk, step=step)
        self.request.session[key] = mine
        self.policy.refresh_from_db()
        block = BLOCKS_BY_KEY[step]
        mine_doc = policy_document(self.policy, {**self.policy.content, step: mine})
        theirs_doc = policy_document(self.policy)
        index = STEP_KEYS.index(step)
        return TemplateResponse(
            self.request,
            "wizard/conflict.html",
            {
                "policy": self.policy,
                "step": step,
                "block_title": text_in(block.title, interface_language()),
                "mine": mine_doc.sections[index],
                "theirs": theirs_doc.sections[index],
                "updated_by": self.policy.updated_by,
            },
            status=409,
        )

    def render_done(self, form=None, **kwargs):
        self.policy.refresh_from_db()
        missing = incomplete_blocks(self.policy)
        if missing:
            first = missing[0]
            messages.error(
                self.request,
                _("Step “%(title)s” is not complete yet. Complete it before you finish.")
                % {"title": text_in(BLOCKS_BY_KEY[first].title, interface_language())},
            )
            return redirect(self.get_step_url(first))
        Policy.objects.filter(pk=self.policy.pk).update(last_step="review")
        self.storage.reset()
        return redirect("policy_review", pk=self.policy.pk)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        block = BLOCKS_BY_KEY[step]
        ui = interface_language()
        index = STEP_KEYS.index(step)
        context.update(
            {
                "policy": self.policy,
                "block": block,
                "block_title": text_in(block.title, ui),
                "block_intro": text_in(block.intro, ui),
                "guidance": [text_in(paragraph, ui) for paragraph in block.guidance],
                # Called by the template only when the cached step list is missing.
                "steps_list": functools.partial(step_list, self.policy, step),
                "nav_key": content_hash([self.policy.pk, step, ui, incomplete_blocks(self.policy)]),
                "step_number": index + 1,
                "step_count": len(STEP_KEYS),
                "previous_step": STEP_KEYS[index - 1] if index else None,
                "is_last_step": index == len(STEP_KEYS) - 1,
                # An unbound form shows only stored data, so its rendering can be reused.
                "fields_key": None if form.is_bound else fields_key(self.policy, step),
            }
        )
        context.update(preview_context(self.policy))
        return context

    def done(self, form_list, **kwargs):  # pragma: no cover - render_done never calls it
        return redirect("policy_review", pk=self.policy.pk)


def preview_context(policy: Policy, content: dict | None = None) -> dict:
    """The live preview and page meter, measured on the real print template.

    `preview_key` fingerprints everything the preview shows (the document, its layout inputs
    and the interface language), for the rendered-fragment cache in the templates.
    """
    from wizard.export import content_key, measure_document

    document = policy_document(policy, content)
    key = content_key(document)
    fit = measure_document(document, key=key)
    ui = interface_language()
    longest = [text_in(BLOCKS_BY_KEY[block].title, ui) for block in fit.longest[:2]]
    return {
        "doc": document,
        "fit": fit,
        "fit_longest_titles": longest,
        "preview_key": f"{key}:{ui}",
    }


def fields_key(policy: Policy, step: str) -> str:
    """A fingerprint of everything an unbound step form shows: the block as stored, the
    policy's and the interface's language, and the organisation details filled into clauses."""
    stored = policy.content.get(step) or {}
    return content_hash(
        [
            policy.pk,
            step,
            interface_language(),
            policy.language,
            stored,
            placeholder_values(policy),
        ]
    )
