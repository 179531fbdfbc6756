"""Asking the organisation's consultant about a step, and answering with a comment on it."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import Membership, Role
from wizard.policies.access import policy_role
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.models import AuditEvent, Comment, Policy
from wizard.policies.services import audit_policy
from wizard.questions import notifications
from wizard.questions.models import QUESTION_MAX_LENGTH, ConsultantQuestion
from wizard.text import clean_text

# The answer becomes a comment, which starts with the question it answers (QUOTE_LENGTH).
ANSWER_MAX_LENGTH = 1500
QUOTE_LENGTH = 160

ONLY_EDITORS_ASK = _("Only editors of this organisation can ask its consultant.")
NO_CONSULTANT = _("This organisation has no consultant to ask.")
ONLY_THE_CONSULTANT_ANSWERS = _("Only the organisation's consultant can answer this question.")
UNKNOWN_STEP = _("There is no such step.")
EMPTY_QUESTION = _("Write your question.")
QUESTION_TOO_LONG = _("Keep your question to at most %(limit)d characters.")
EMPTY_ANSWER = _("Write your answer.")
ANSWER_TOO_LONG = _("Keep your answer to at most %(limit)d characters.")
ALREADY_ANSWERED = _("This question has been answered already.")


def cleaned(text: str, *, limit: int, empty: str, too_long: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError(empty, code="empty")
    if len(text) > limit:
        raise ValidationError(too_long, code="too_long", params={"limit": limit})
    return text


@transaction.atomic
def question_ask(*, policy: Policy, user, step: str, text: str) -> ConsultantQuestion:
    """An editor asks the organisation's consultants about `step`; they are mailed."""
    if policy_role(user, policy) != Role.EDITOR:
        raise PermissionDenied(ONLY_EDITORS_ASK)
    if step not in BLOCKS_BY_KEY:
        raise ValidationError(UNKNOWN_STEP, code="unknown_step")
    if not Membership.objects.consultants_of(policy.organisation_id).exists():
        raise PermissionDenied(NO_CONSULTANT)
    text = cleaned(
        text, limit=QUESTION_MAX_LENGTH, empty=EMPTY_QUESTION, too_long=QUESTION_TOO_LONG
    )
    question = ConsultantQuestion.objects.create(
        organisation_id=policy.organisation_id, policy=policy, step=step, text=text, asked_by=user
    )
    audit_policy(policy, user, AuditEvent.Action.ASK_CONSULTANT, step)
    transaction.on_commit(partial(notifications.notify_asked, question=question), robust=True)
    return question


def quoted(question: str) -> str:
    """The question as the answer's comment repeats it: its start, in quotation marks."""
    line = " ".join(question.split())
    if len(line) > QUOTE_LENGTH:
        line = line[: QUOTE_LENGTH - 1].rstrip() + "…"
    return f"“{line}”"


@transaction.atomic
def question_answer(*, question: ConsultantQuestion, user, text: str) -> Comment:
    """The organisation's consultant answers: a comment on the question's step (quoting it)
    closes the question, and the editor who asked is mailed. Answering twice is refused."""
    locked = (
        ConsultantQuestion.objects.for_consultant(user)
        .select_for_update(of=("self",))
        .select_related("policy", "asked_by")
        .filter(pk=question.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(ONLY_THE_CONSULTANT_ANSWERS)
    if not locked.is_open:
        raise ValidationError(ALREADY_ANSWERED, code="answered")
    text = cleaned(text, limit=ANSWER_MAX_LENGTH, empty=EMPTY_ANSWER, too_long=ANSWER_TOO_LONG)
    comment = Comment.objects.create(
        policy=locked.policy,
        block_key=locked.step,
        author=user,
        text=f"{quoted(locked.text)}\n\n{text}",
    )
    locked.answer = comment
    locked.answered_by = user
    locked.answered_at = comment.created_at
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_policy(locked.policy, user, AuditEvent.Action.ANSWER_QUESTION, locked.step)
    transaction.on_commit(partial(notifications.notify_answered, question=locked), robust=True)
    question.answer, question.answered_by, question.answered_at = comment, user, comment.created_at
    return comment
