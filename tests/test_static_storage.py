"""Production's static files storage: the hashed URLs of the manifest, each worked out once."""

from __future__ import annotations

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from wizard.storage import StaticFilesStorage

HASHED = "css/app.0123456789ab.css"


@pytest.fixture
def collected(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/app.css": HASHED}, "version": "1.1", "hash": "0"})
    )
    return tmp_path


def storage(cls, root):
    return cls(location=str(root), base_url="/static/")


def test_the_url_is_whitenoises_hashed_one(collected):
    ours = storage(StaticFilesStorage, collected)
    theirs = storage(CompressedManifestStaticFilesStorage, collected)
    assert ours.url("css/app.css") == theirs.url("css/app.css") == f"/static/{HASHED}"
    assert ours.url("css/app.css#top") == theirs.url("css/app.css#top")


def test_a_name_is_looked_up_in_the_manifest_once(collected, monkeypatch):
    ours = storage(StaticFilesStorage, collected)
    lookups = []
    stored_name = ours.stored_name
    monkeypatch.setattr(ours, "stored_name", lambda name: lookups.append(name) or stored_name(name))
    assert ours.url("css/app.css") == ours.url("css/app.css") == f"/static/{HASHED}"
    assert lookups == ["css/app.css"]


def test_a_name_missing_from_the_manifest_still_fails_every_time(collected):
    ours = storage(StaticFilesStorage, collected)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("css/missing.css")
