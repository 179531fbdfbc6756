from __future__ import annotations

from django.core.management import call_command

from wizard.models import ConsultantQuestion


def test_the_demo_has_one_open_question_from_hr_to_the_consultant(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    question = ConsultantQuestion.objects.get()
    assert question.is_open
    assert question.asked_by.username == "hr"
    assert question.organisation.name == "Voorbeeld Zorg B.V."
    assert question.policy.status == "draft"
