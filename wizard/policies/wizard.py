"""The six-step wizard: a django-formtools NamedUrlWizardView whose storage is the policy.

The steps are declared once (`STEP_FORMS`); `PolicyStorage` keeps each step's data in the
policy's content in the database, so `set_step_data` is a save and `get_step_data` reads the
block as stored; `done()` runs after formtools has validated every block again.

Where formtools' own behaviour is wrong for us, the override says so (each is pinned by a test
in tests/policies/test_wizard.py):
- formtools keys its state by the view's class in the session, so two tabs or two policies
  share it: here the state is the policy, and the prefix names it (`get_prefix`);
- a plain GET resets the storage, and a GET of a step binds the form to stored data: here
  `reset()` never empties a policy, and a GET shows the form unbound, filled from the policy;
- `get_form_step_data` keeps the raw POST, undeclared keys included: `process_step` keeps the
  declared fields only;
- an unknown step in the URL or the management form is a KeyError (a 500, formtools#38,
  #247): here it is a 404, and a forged management step is ignored;
- "Previous" and the step links drop what was typed on the current step (formtools#284):
  `render_goto_step` saves it first.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from wizard.organisations.models import Membership, Role
from wizard.organisations.names import member_name
from wizard.policies.access import can_edit, open_policy_or_404, policy_role
from wizard.policies.blocks import BLOCKS_BY_KEY, LEGAL_CHECK_DATE, guidance_for
from wizard.policies.document import organisation_sector, outdated_clauses
from wizard.policies.forms import STEP_FORMS, step_form_data
from wizard.policies.models import Comment, Policy
from wizard.policies.preview import page_preview
from wizard.policies.services import (
    NEW_VERSION_NOTICE,
    content_hash,
    policy_editable_version,
    policy_mark_finished,
    policy_save_step,
)
from wizard.policies.steps import (
    CONFLICT_SESSION_KEY,
    STEP_KEYS,
    conflict_context,
    step_list,
    step_url,
)
from wizard.text import format_date, interface_language, text_in

DONE_STEP = "finish"
# Set once the user has seen a step with its guidance open: later steps show it folded, so the
# choices come first. Kept in the session (a GET writes nothing else).
GUIDANCE_SEEN_SESSION_KEY = "guidance_seen"


class EditConflict(Exception):
    """A colleague saved this block since the form was loaded; what was typed is kept."""

    def __init__(self, step: str, mine: dict, theirs: dict | None) -> None:
        super().__init__(step)
        self.step, self.mine, self.theirs = step, mine, theirs


class PolicyStorage(BaseStorage):
    """formtools' wizard storage, kept in the policy: a step's data is its stored block."""

    def __init__(self, prefix: str, request, policy: Policy) -> None:
        super().__init__(prefix, request)
        self.policy = policy
        self.init_data()

    def _set_current_step(self, step):
        # The URL names the step, once per request: a forged management form can neither
        # point elsewhere nor make formtools raise a KeyError with an unknown name.
        if self.current_step is None and step in BLOCKS_BY_KEY:
            super()._set_current_step(step)

    def reset(self):
        # formtools resets on a plain GET and after done(): the policy must never be emptied.
        pass

    def get_step_data(self, step):
        return step_form_data(self.policy, step)

    def set_step_data(self, step, cleaned_data):
        # Going on means the user is now at the next step: that is where the policy reopens.
        last = step == STEP_KEYS[-1]
        # Next or Finish on a step: the person has checked it.
        self.save(
            step,
            cleaned_data,
            reopen_at=None if last else STEP_KEYS[STEP_KEYS.index(step) + 1],
            checked=True,
        )

    def save(
        self, step: str, data: dict, reopen_at: str | None = None, checked: bool = False
    ) -> None:
        """Save one block, with the version the form was loaded from (its base_hash)."""
        result = policy_save_step(
            policy_id=self.policy.pk,
            user=self.request.user,
            step=step,
            data=data,
            base_hash=self.request.POST.get(f"{step}-base_hash", ""),
            reopen_at=reopen_at,
            checked=checked,
        )
        if result.conflict:
            raise EditConflict(step, data, result.theirs)
        self.policy = result.policy

    def get_step_files(self, step):
        return None

    def set_step_files(self, step, files):
        pass


class PolicyWizard(LoginRequiredMixin, NamedUrlWizardView):
    form_list = STEP_FORMS
    template_name = "policies/step.html"
    policy: Policy

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.policy = open_policy_or_404(request, kwargs["pk"])
        step = kwargs.get("step")
        # The done step is only ever opened (formtools redirects there to finish).
        if step not in BLOCKS_BY_KEY and not (step == DONE_STEP and request.method == "GET"):
            raise Http404(_("There is no such step."))
        if not can_edit(request.user, self.policy):
            # A reader has nowhere to go in the wizard: the review page shows the policy.
            raise PermissionDenied(_("You can read this policy but not change it."))
        if not self.policy.is_content_editable:
            # In review: read-only until decided. Approved or published: edits go to a new
            # draft version, and the approved one stays intact.
            try:
                draft = policy_editable_version(policy=self.policy, user=request.user)
            except PermissionDenied as refusal:
                messages.info(request, str(refusal))
                return redirect("policy_review", pk=self.policy.pk)
            messages.info(request, NEW_VERSION_NOTICE)
            return redirect(step_url(draft, step if step in BLOCKS_BY_KEY else STEP_KEYS[0]))
        # formtools builds its storage from a class path with (prefix, request) only; ours
        # needs the policy read above, so it is built here and formtools' dispatch is skipped.
        self.prefix = self.get_prefix(request, *args, **kwargs)
        self.storage = PolicyStorage(self.prefix, request, self.policy)
        self.steps = StepsHelper(self)
        try:
            return TemplateView.dispatch(self, request, *args, **kwargs)
        except EditConflict as conflict:
            return self.render_conflict(conflict)

    def get_prefix(self, request, *args, **kwargs) -> str:
        # Per policy, never per view class: two tabs on two policies never share state.
        return f"policy_wizard_{self.policy.pk}"

    def get_step_url(self, step: str) -> str:
        if step == DONE_STEP:
            return step_url(self.policy, DONE_STEP)
        return step_url(self.policy, step)

    def get_form_kwargs(self, step=None) -> dict:
        return {"policy": self.policy}

    def get_form_initial(self, step: str) -> dict:
        stored = self.storage.policy.content.get(step) or {}
        return {**stored, "base_hash": content_hash(stored)}

    def get(self, request, *args, **kwargs):
        step = kwargs["step"]
        if step == DONE_STEP:
            return super().get(request, *args, **kwargs)
        # formtools binds the form to the stored data (errors shown before anything was
        # typed): here the form is unbound, filled from the policy.
        self.storage.current_step = step
        return self.render(self.get_form(step=step))

    def post(self, request, *args, **kwargs):
        # The URL names the step that was shown.
        self.storage.current_step = kwargs["step"]
        goto = request.POST.get("wizard_goto_step")
        if goto is not None and goto not in BLOCKS_BY_KEY and goto != "review":
            return HttpResponseBadRequest(_("There is no such step."))
        if goto == "review":
            return self.render_goto_step(DONE_STEP)
        return super().post(request, *args, **kwargs)

    def process_step(self, form) -> dict:
        # The declared fields only, cleaned (formtools would keep the raw POST).
        return form.block_data()

    def render_goto_step(self, goto_step, **kwargs):
        # What was typed on this step is saved first, valid or not (formtools#284).
        form = self.get_form(data=self.request.POST)
        try:
            self.storage.save(self.steps.current, form.draft_data())
        except ValidationError:
            # A locked part was changed: the form says which, and nothing is saved.
            return self.render(form)
        return super().render_goto_step(goto_step, **kwargs)

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        title = text_in(BLOCKS_BY_KEY[failed_step].title, interface_language())
        messages.error(
            self.request,
            _("Step “%(title)s” is not complete yet. Complete it before you finish.")
            % {"title": title},
        )
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    def done(self, form_list, **kwargs):
        policy_mark_finished(policy=self.storage.policy)
        return redirect("policy_review", pk=self.policy.pk)

    def render_conflict(self, conflict: EditConflict):
        # Keep the user's version server-side until they choose; nothing is lost.
        key = CONFLICT_SESSION_KEY.format(pk=self.policy.pk, step=conflict.step)
        self.request.session[key] = conflict.mine
        self.policy.refresh_from_db()
        return TemplateResponse(
            self.request,
            "policies/conflict.html",
            conflict_context(self.policy, conflict.step, conflict.mine),
            status=409,
        )

    def consultant_names(self) -> str:
        """Who an editor can ask about a step (wizard/questions): the organisation's
        consultants, by name; "" for a consultant, who is not shown their own name."""
        if policy_role(self.request.user, self.policy) != Role.EDITOR:
            return ""
        consultants = Membership.objects.consultants_of(self.policy.organisation_id).only(
            "user__username"  # all member_name reads
        )
        return ", ".join(member_name(membership.user) for membership in consultants)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        block = BLOCKS_BY_KEY[step]
        ui = interface_language()
        index = STEP_KEYS.index(step)
        comments = Comment.objects.for_block(self.policy, step)
        guidance_open = not self.request.session.get(GUIDANCE_SEEN_SESSION_KEY)
        if guidance_open:
            self.request.session[GUIDANCE_SEEN_SESSION_KEY] = True
        context.update(
            {
                "policy": self.policy,
                "block": block,
                "block_title": text_in(block.title, ui),
                "block_intro": text_in(block.intro, ui),
                "guidance": [
                    text_in(paragraph, ui)
                    for paragraph in guidance_for(
                        block, organisation_sector(self.policy.organisation)
                    )
                ],
                "guidance_open": guidance_open,
                "legal_check_date": format_date(LEGAL_CHECK_DATE, ui),
                "steps_list": step_list(self.policy, step),
                "step_prefilled": step not in self.policy.incomplete_steps
                and step not in self.policy.checked_steps,
                "step_number": index + 1,
                "step_count": len(STEP_KEYS),
                "previous_step": STEP_KEYS[index - 1] if index else None,
                "is_last_step": index == len(STEP_KEYS) - 1,
                # "An updated clause is available" for a clause of this step.
                "clause_updates": [u for u in outdated_clauses(self.policy) if u.block_key == step],
                "open_comments": [c for c in comments if not c.is_resolved],
                "resolved_comments": [c for c in comments if c.is_resolved],
                "consultant_names": self.consultant_names(),
                # After a refused save, the page as it would print with what was typed, as the
                # live preview showed it before the page was sent.
                "preview_html": render_to_string(
                    "_preview.html",
                    page_preview(
                        self.policy,
                        {**self.policy.content, step: form.draft_data()} if form.errors else None,
                        step=step,
                    ),
                ),
            }
        )
        return context
