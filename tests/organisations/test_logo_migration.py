"""Migration 0009_logo_store: logos on disk move into the database, through the same checks."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from tests.factories import huge_png, image_bytes

BEFORE = [("wizard", "0008_acknowledgements")]
AFTER = [("wizard", "0009_logo_store")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    # Back to the newest schema for the tests that follow.
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    return settings.MEDIA_ROOT


def old_organisation(apps, slug: str, logo: str = ""):
    Organisation = apps.get_model("wizard", "Organisation")
    return Organisation.objects.create(name=slug, slug=slug, logo=logo)


def test_existing_logos_are_checked_re_encoded_and_moved_into_the_database(old_apps, media):
    exif = Image.Exif()
    exif[0x013B] = "secret artist"
    (media / "logos" / "good.jpg").write_bytes(
        image_bytes(size=(1_200, 400), image_format="JPEG", exif=exif.tobytes())
    )
    (media / "logos" / "bomb.png").write_bytes(huge_png())
    (media / "logos" / "text.png").write_bytes(b"not an image")
    (media / "elsewhere.png").write_bytes(image_bytes())
    old_organisation(old_apps, "good", "logos/good.jpg")
    old_organisation(old_apps, "bomb", "logos/bomb.png")
    old_organisation(old_apps, "text", "logos/text.png")
    old_organisation(old_apps, "missing", "logos/gone.png")
    old_organisation(old_apps, "outside", "logos/../elsewhere.png")
    old_organisation(old_apps, "none")

    apps = migrate(AFTER)

    Organisation = apps.get_model("wizard", "Organisation")
    Logo = apps.get_model("wizard", "Logo")
    logos = dict(Organisation.objects.values_list("slug", "logo_id"))
    assert logos["good"] is not None
    assert {slug for slug, digest in logos.items() if digest is None} == {
        "bomb",
        "text",
        "missing",
        "outside",
        "none",
    }
    stored = Logo.objects.get(pk=logos["good"])
    png = bytes(stored.png)
    assert png.startswith(b"\x89PNG") and b"secret" not in png
    assert Image.open(io.BytesIO(png)).size == (stored.width, stored.height) == (540, 180)
    # The files are left where they were.
    assert (media / "logos" / "good.jpg").exists()
