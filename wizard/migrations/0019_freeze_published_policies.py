"""Freeze every policy published now as it prints today, and mark the confirmations typed into
the open staff link before they were verified as "not verified"."""

from django.db import migrations

# The fields composing and printing read; listed so the query asks for no column a later
# migration adds.
POLICY_FIELDS = [
    "title",
    "language",
    "content",
    "effective_date",
    "version_label",
    "contact_person",
    "contact_email",
    "next_review_date",
    "adopted_on",
    "updated_at",
    "organisation__name",
    "organisation__brand_colour",
    "organisation__logo",
    "organisation__sector",
    "organisation__has_code_of_conduct",
    "organisation__privacy_contact_name",
    "organisation__privacy_contact_email",
    "organisation__press_contact",
    "organisation__staff_size",
    "organisation__participation_body",
    "organisation__contact_person",
    "organisation__contact_email",
]


def freeze_published(apps, schema_editor):
    # Composing a policy needs the real models' methods (contact defaults, the logo's URL).
    from wizard.policies.models import Policy
    from wizard.policies.publication import frozen_values

    Acknowledgement = apps.get_model("wizard", "Acknowledgement")
    Acknowledgement.objects.filter(method="open_link").update(method="unverified")
    Publication = apps.get_model("wizard", "Publication")
    columns = {field.attname for field in Publication._meta.concrete_fields}
    AuditEvent = apps.get_model("wizard", "AuditEvent")
    published = (
        Policy.objects.filter(status="published")
        .select_related("organisation")
        .only(*POLICY_FIELDS)
    )
    for policy in published:
        if Publication.objects.filter(policy_id=policy.pk).exists():
            continue
        when = (
            AuditEvent.objects.filter(policy_id=policy.pk, action="publish")
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        # Only what the table holds as of this migration (later ones add columns).
        values = {k: v for k, v in frozen_values(policy).items() if k in columns}
        Publication.objects.create(
            policy_id=policy.pk, published_at=when or policy.updated_at, **values
        )


def unfreeze(apps, schema_editor):
    Acknowledgement = apps.get_model("wizard", "Acknowledgement")
    Acknowledgement.objects.filter(method="unverified").update(method="open_link")


class Migration(migrations.Migration):
    dependencies = [("wizard", "0018_policy_consent_date")]

    operations = [migrations.RunPython(freeze_published, unfreeze)]
