from django.db import migrations, models

from wizard.policies.blocks import BLOCKS

STEP_KEYS = [block.key for block in BLOCKS]


def fill_checked_steps(apps, schema_editor):
    """Decide once which steps of each stored policy count as checked by a person.

    - Every step of a policy that is not a draft (it was sent for review, which vouches for all
      of it), of a draft that is a new version of an approved policy (its steps were approved),
      and of a draft that was finished (it reopens at its review page: Finish was chosen).
    - Of any other draft: each step a person saved (a revision of that step with an author),
      and the steps before the one it reopens at (Next on a step reopens it at the next one).
    The rest stays "pre-filled, not yet checked": at worst a step someone only looked at asks
    for one more Next.
    """
    StoredPolicy = apps.get_model("wizard", "Policy")
    Revision = apps.get_model("wizard", "Revision")
    every = StoredPolicy.objects.exclude(status="draft") | StoredPolicy.objects.filter(
        models.Q(based_on__isnull=False) | models.Q(last_step="review")
    )
    every.update(checked_steps=STEP_KEYS)
    drafts = StoredPolicy.objects.filter(status="draft", based_on__isnull=True).exclude(
        last_step="review"
    )
    for pk, last_step in drafts.values_list("pk", "last_step").iterator():
        saved = set(
            Revision.objects.filter(policy_id=pk, author__isnull=False, step__in=STEP_KEYS)
            .values_list("step", flat=True)
            .distinct()
        )
        before = STEP_KEYS[: STEP_KEYS.index(last_step)] if last_step in STEP_KEYS else []
        checked = [key for key in STEP_KEYS if key in saved or key in before]
        if checked:
            StoredPolicy.objects.filter(pk=pk).update(checked_steps=checked)


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0024_consent_dossier"),
    ]

    operations = [
        migrations.AddField(
            model_name="policy",
            name="checked_steps",
            field=models.JSONField(blank=True, default=list, verbose_name="checked steps"),
        ),
        migrations.RunPython(fill_checked_steps, migrations.RunPython.noop),
    ]
