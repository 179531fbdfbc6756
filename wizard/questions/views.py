"""Thin views of the questions: asking from a step, answering from the portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wizard import limits
from wizard.organisations.models import Membership, Role
from wizard.organisations.names import member_name
from wizard.policies.access import open_policy_or_404, policy_role
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.questions import selectors, services
from wizard.questions.forms import AnswerForm, QuestionForm


@login_required
@require_http_methods(["GET", "POST"])
@limits.limit(limits.QUESTION, method="POST")
def question_ask(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    policy = open_policy_or_404(request, pk)
    if step not in BLOCKS_BY_KEY:
        raise Http404(_("There is no such step."))
    consultants = [m.user for m in Membership.objects.consultants_of(policy.organisation_id)]
    if not consultants:
        raise Http404(str(services.NO_CONSULTANT))
    if policy_role(request.user, policy) != Role.EDITOR:
        raise PermissionDenied(services.ONLY_EDITORS_ASK)
    names = ", ".join(member_name(user) for user in consultants)
    back = selectors.step_page(policy, step)
    form = QuestionForm(request.POST or None)
    if form.is_valid():
        try:
            services.question_ask(
                policy=policy, user=request.user, step=step, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                _(
                    "Your question is sent to %(name)s. "
                    "The answer appears as a comment on this step."
                )
                % {"name": names},
            )
            return redirect(back)
    return render(
        request,
        "questions/ask.html",
        {
            "policy": policy,
            "step_title": selectors.step_title(step),
            "back": back,
            "consultant_names": names,
            "form": form,
            "asked": selectors.step_questions(policy=policy, step=step),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(selectors.consultant_question(fetched_by=request.user, pk=pk))
    request.memberships.open(question.organisation_id)
    form = AnswerForm(request.POST or None)
    if question.is_open and form.is_valid():
        try:
            services.question_answer(
                question=question, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Your answer is on the step as a comment."))
            return redirect("portfolio")
    elif request.method == "POST" and not question.is_open:
        messages.error(request, str(services.ALREADY_ANSWERED))
    return render(
        request,
        "questions/answer.html",
        {"question": selectors.with_step(question), "form": form},
    )
