"""Logos move from files on one machine's disk into the database, checked and re-encoded.

Each organisation's existing logo file (under MEDIA_ROOT/logos) goes through the same checks as
a new upload (wizard.organisations.logos.prepare_logo): type by content, at most 2,000 × 2,000
pixels, re-encoded as a PNG at print size without metadata. An organisation whose file is
missing, outside the logo folder or refused keeps no logo. The files themselves are left alone.
"""

from pathlib import Path

import django.db.models.deletion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import migrations, models

from wizard.organisations.logos import LOGO_MAX_BYTES, prepare_logo


def read_logo_file(name: str) -> bytes | None:
    logo_dir = (Path(settings.MEDIA_ROOT) / "logos").resolve()
    try:
        path = (Path(settings.MEDIA_ROOT) / name).resolve(strict=True)
        if not path.is_file() or not path.is_relative_to(logo_dir):
            return None
        if path.stat().st_size > LOGO_MAX_BYTES:
            return None
        return path.read_bytes()
    except (OSError, RuntimeError, ValueError):
        return None


def logos_into_database(apps, schema_editor):
    Organisation = apps.get_model("wizard", "Organisation")
    Logo = apps.get_model("wizard", "Logo")
    for organisation in Organisation.objects.exclude(logo_file="").only("pk", "logo_file"):
        data = read_logo_file(organisation.logo_file.name)
        if data is None:
            continue
        try:
            prepared = prepare_logo(data)
        except ValidationError:
            continue
        Logo.objects.get_or_create(
            digest=prepared.digest,
            defaults={"png": prepared.png, "width": prepared.width, "height": prepared.height},
        )
        Organisation.objects.filter(pk=organisation.pk).update(logo_id=prepared.digest)


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0008_acknowledgements"),
    ]

    operations = [
        migrations.CreateModel(
            name="Logo",
            fields=[
                (
                    "digest",
                    models.CharField(
                        max_length=64, primary_key=True, serialize=False, verbose_name="SHA-256"
                    ),
                ),
                ("png", models.BinaryField(verbose_name="PNG image")),
                ("width", models.PositiveIntegerField(verbose_name="width")),
                ("height", models.PositiveIntegerField(verbose_name="height")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "logo",
                "verbose_name_plural": "logos",
            },
        ),
        migrations.RenameField(model_name="organisation", old_name="logo", new_name="logo_file"),
        migrations.AddField(
            model_name="organisation",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                help_text="PNG or JPEG, at most 512 KB. Printed at the top of the policy.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="wizard.logo",
                verbose_name="logo",
            ),
        ),
        migrations.RunPython(logos_into_database, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="organisation", name="logo_file"),
    ]
