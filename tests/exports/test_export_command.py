"""`manage.py export_policy`: batch and support exports from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from pypdf import PdfReader

from wizard.models import AuditEvent
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content


def test_writes_a_one_page_pdf_to_the_given_file(policy, tmp_path):
    target = tmp_path / "beleid.pdf"
    call_command(
        "export_policy", policy.pk, "--format", "pdf", "-o", str(target), stderr=io.StringIO()
    )
    assert len(PdfReader(target).pages) == 1


def test_pdf_is_the_default_format(policy, tmp_path):
    target = tmp_path / "beleid"
    call_command("export_policy", policy.pk, "-o", str(target), stderr=io.StringIO())
    assert target.read_bytes().startswith(b"%PDF-")


def test_writes_markdown_to_standard_output(policy, capsysbinary):
    call_command("export_policy", policy.pk, "--format", "md", "-o", "-", stderr=io.StringIO())
    assert capsysbinary.readouterr().out.startswith(b"# Social-mediabeleid\n")


def test_writes_a_word_file(policy, tmp_path):
    target = tmp_path / "beleid.docx"
    call_command(
        "export_policy", policy.pk, "--format", "docx", "-o", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes().startswith(b"PK")


def test_default_file_name_is_the_download_name(policy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("export_policy", policy.pk, "--format", "html", stderr=io.StringIO())
    (written,) = tmp_path.iterdir()
    assert written.name.startswith("voorbeeld-zorg-bv_social-mediabeleid_")
    assert written.suffix == ".html"


def test_records_an_audit_event_without_an_actor(policy, tmp_path):
    call_command(
        "export_policy",
        policy.pk,
        "--format",
        "md",
        "-o",
        str(tmp_path / "x.md"),
        stderr=io.StringIO(),
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.policy, event.actor, event.detail) == (policy, None, "md (command line)")


def test_unknown_policy_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no policy with id 999"):
        call_command("export_policy", 999, "-o", "-")


def test_unknown_format_is_refused(policy):
    with pytest.raises(CommandError):
        call_command("export_policy", policy.pk, "--format", "exe")


def test_too_long_policy_is_refused_with_the_blocks_to_shorten(policy, tmp_path):
    content = default_content()
    for block in BLOCKS:
        content[block.key]["own_text"] = "Een lange zin over social media op het werk. " * 40
    policy.content = content
    policy.save()
    target = tmp_path / "beleid.pdf"
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="Shorten these blocks"),
    ):
        call_command("export_policy", policy.pk, "-o", str(target))
    assert not target.exists()


def test_export_on_behalf_of_a_member_works(policy, editor, tmp_path):
    target = tmp_path / "policy.md"
    call_command(
        "export_policy", policy.pk, "--format", "md", "-o", str(target), "--user", editor.username
    )
    assert target.read_text(encoding="utf-8").startswith("#")


def test_export_on_behalf_of_an_outsider_is_not_found(policy, outsider, tmp_path):
    with pytest.raises(CommandError, match="There is no policy"):
        call_command(
            "export_policy", policy.pk, "-o", str(tmp_path / "x.pdf"), "--user", outsider.username
        )
