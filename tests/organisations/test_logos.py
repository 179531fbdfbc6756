"""Logos: checked before they are decoded, re-encoded for print, kept in the database and
served by the app with their content hash in the URL."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image, PngImagePlugin
from pypdf import PdfReader

from tests.factories import (
    INTAKE_ANSWERS,
    OrganisationFactory,
    PolicyFactory,
    give_logo,
    huge_png,
    image_bytes,
)
from wizard.models import Logo, Organisation
from wizard.organisations.forms import OrganisationForm
from wizard.organisations.logos import LOGO_PRINT_BOX, prepare_logo
from wizard.policies.preview import page_preview


def organisation_form(upload: SimpleUploadedFile | None) -> OrganisationForm:
    data = {
        "name": "Klant B.V.",
        "policy_language": "nl",
        "brand_colour": "#1f5f8b",
        "contact_email": "",
        "contact_person": "",
        **INTAKE_ANSWERS,
    }
    return OrganisationForm(data, {"logo": upload} if upload else {})


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


# --- Checks before decoding ----------------------------------------------------------------


def test_a_9000_by_9000_png_of_21_kb_is_refused_quickly_with_a_clear_error():
    bomb = huge_png()
    assert len(bomb) < 25 * 1024  # the file: 21 KB
    started = time.monotonic()
    with translation.override("en"):
        form = organisation_form(upload("logo.png", bomb))
        assert not form.is_valid()
        assert time.monotonic() - started < 0.5
        assert form.errors["logo"] == [
            "The logo may be at most 2,000 × 2,000 pixels. Make it smaller and upload it again."
        ]


def test_pixel_limit_error_is_in_dutch_for_a_dutch_user():
    with translation.override("nl"):
        form = organisation_form(upload("logo.png", huge_png(3_000, 3_000)))
        assert not form.is_valid()
        assert "2.000 × 2.000 pixels" in form.errors["logo"][0]


def test_just_over_the_pixel_limit_is_refused_without_a_warning():
    # 2,100 × 2,100 lies between Pillow's warning and its error: still refused, no warning
    # (warnings are errors in this suite).
    form = organisation_form(upload("logo.png", image_bytes(size=(2_100, 2_100))))
    assert not form.is_valid()
    assert form.errors["logo"][0].startswith("Het logo mag hoogstens")


def test_the_limit_is_checked_before_any_pixel_is_decoded(monkeypatch):
    def never_load(self):
        raise AssertionError("decoded before the size check")

    # Even if something in the process turned Pillow's own guard off, our check comes first.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    monkeypatch.setattr(Image.Image, "load", never_load)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", never_load)
    form = organisation_form(upload("logo.png", huge_png(2_500, 2_500)))
    assert not form.is_valid()
    assert form.errors.as_data()["logo"][0].code == "logo_too_many_pixels"


def test_a_jpeg_named_png_is_handled_by_its_content():
    jpeg = image_bytes(size=(300, 100), image_format="JPEG")
    form = organisation_form(upload("logo.png", jpeg, "image/png"))
    assert form.is_valid(), form.errors
    logo = form.cleaned_data["logo"]
    assert logo.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decoded(logo.png).size == (300, 100)


@pytest.mark.parametrize(
    "content",
    [
        image_bytes(image_format="GIF"),
        image_bytes(image_format="BMP"),
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"just some text",
    ],
    ids=["gif", "bmp", "svg", "text"],
)
def test_anything_but_png_or_jpeg_is_refused_whatever_its_name(content):
    with translation.override("en"):
        form = organisation_form(upload("logo.png", content))
        assert not form.is_valid()
        assert form.errors["logo"] == [
            "The logo must be a PNG or JPEG image. This file is not one, whatever its name says."
        ]


def noise(size=(400, 200), image_format="PNG") -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, format=image_format)
    return out.getvalue()


@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_a_truncated_file_is_refused_as_damaged(image_format):
    whole = noise(image_format=image_format)
    assert prepare_logo(whole)
    with translation.override("en"):
        form = organisation_form(upload("logo.png", whole[: len(whole) // 2]))
        assert not form.is_valid()
        assert form.errors["logo"] == [
            "The logo could not be read: the file is damaged or incomplete."
        ]


def test_a_png_with_a_corrupted_chunk_is_refused_as_damaged():
    png = bytearray(noise())
    png[len(png) // 2] ^= 0xFF
    with translation.override("en"):
        form = organisation_form(upload("logo.png", bytes(png)))
        assert not form.is_valid()
        assert form.errors["logo"] == [
            "The logo could not be read: the file is damaged or incomplete."
        ]


def test_a_file_over_512_kb_is_refused():
    with translation.override("en"):
        form = organisation_form(upload("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 600_000))
        assert not form.is_valid()
        assert form.errors["logo"] == ["The logo may be at most 512 KB."]


# --- Re-encoding ---------------------------------------------------------------------------


def test_exif_and_other_metadata_are_gone():
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    exif[0x013B] = "secret artist"  # Artist
    jpeg = image_bytes(size=(200, 100), image_format="JPEG", exif=exif.tobytes())
    assert b"secret" in jpeg
    logo = prepare_logo(jpeg)
    assert b"secret" not in logo.png
    image = decoded(logo.png)
    assert "exif" not in image.info
    assert not image.getexif()


def test_png_text_chunks_and_colour_profile_are_gone():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret comment")
    png = image_bytes(size=(200, 100), pnginfo=info, icc_profile=b"secret profile")
    logo = prepare_logo(png)
    assert b"secret" not in logo.png
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf"):
        assert chunk not in logo.png
    assert "icc_profile" not in decoded(logo.png).info


def test_a_rotated_photo_is_stored_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    jpeg = image_bytes(size=(120, 40), image_format="JPEG", exif=exif.tobytes())
    assert decoded(prepare_logo(jpeg).png).size == (40, 120)


def test_a_large_logo_is_scaled_down_to_its_printed_size():
    logo = prepare_logo(image_bytes(size=(2_000, 1_000)))
    width, height = decoded(logo.png).size
    assert width <= LOGO_PRINT_BOX[0] and height <= LOGO_PRINT_BOX[1]
    assert (width, height) == (logo.width, logo.height) == (360, 180)


def test_a_small_logo_is_not_enlarged():
    logo = prepare_logo(image_bytes(size=(120, 40)))
    assert (logo.width, logo.height) == (120, 40)


def test_transparency_is_kept():
    out = io.BytesIO()
    Image.new("RGBA", (100, 50), (255, 0, 0, 0)).save(out, format="PNG")
    assert decoded(prepare_logo(out.getvalue()).png).mode == "RGBA"


def test_the_same_image_gives_the_same_digest():
    assert prepare_logo(image_bytes()).digest == prepare_logo(image_bytes()).digest
    assert prepare_logo(image_bytes()).digest != prepare_logo(image_bytes(colour="#000")).digest


# --- Stored and served ---------------------------------------------------------------------


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client


def test_a_consultant_uploads_a_logo_and_it_is_stored_in_the_database(consultant_client):
    jpeg = image_bytes(size=(300, 100), image_format="JPEG")
    response = consultant_client.post(
        reverse("organisation_new"),
        {
            "name": "Klant met logo",
            "policy_language": "nl",
            "brand_colour": "#1f5f8b",
            **INTAKE_ANSWERS,
            "logo": upload("logo.png", jpeg),
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Klant met logo")
    stored = Logo.objects.get(pk=organisation.logo_id)
    assert bytes(stored.png).startswith(b"\x89PNG")
    assert (stored.width, stored.height) == (300, 100)


def test_a_refused_logo_shows_the_form_again_with_the_error(consultant_client):
    response = consultant_client.post(
        reverse("organisation_new"),
        {
            "name": "Klant met bom",
            "policy_language": "nl",
            "brand_colour": "#1f5f8b",
            **INTAKE_ANSWERS,
            "logo": upload("logo.png", huge_png()),
        },
    )
    assert response.status_code == 200
    assert "2.000 × 2.000 pixels" in response.content.decode()
    assert not Organisation.objects.filter(name="Klant met bom").exists()


def test_the_logo_url_serves_the_png_with_immutable_cache_headers(client, organisation):
    logo = give_logo(organisation)
    response = client.get(organisation.logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.content == bytes(logo.png)
    assert logo.digest in organisation.logo_url


def test_the_logo_keeps_its_cache_headers_for_a_logged_in_user(editor_client, organisation):
    give_logo(organisation)
    response = editor_client.get(organisation.logo_url)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_logo_url_needs_no_login_for_the_staff_page(client, organisation):
    give_logo(organisation)
    assert client.get(organisation.logo_url).status_code == 200


def test_another_organisations_pk_with_a_real_digest_is_404(client, organisation):
    logo = give_logo(organisation)
    other = OrganisationFactory()
    url = reverse("organisation_logo", kwargs={"pk": other.pk, "digest": logo.digest})
    assert client.get(url).status_code == 404


def test_an_old_logo_url_is_404_once_the_logo_is_replaced(client, organisation):
    give_logo(organisation, colour="#ff0000")
    old_url = organisation.logo_url
    give_logo(organisation, colour="#00ff00")
    assert client.get(old_url).status_code == 404
    assert client.get(organisation.logo_url).status_code == 200


def test_a_replaced_logo_no_one_uses_is_deleted(organisation):
    old = give_logo(organisation, colour="#ff0000")
    give_logo(organisation, colour="#00ff00")
    assert not Logo.objects.filter(pk=old.pk).exists()


def test_a_logo_two_organisations_share_is_kept_when_one_replaces_it(organisation):
    shared = give_logo(organisation, colour="#ff0000")
    other = OrganisationFactory()
    give_logo(other, colour="#ff0000")
    give_logo(organisation, colour="#00ff00")
    assert Logo.objects.filter(pk=shared.pk).exists()
    assert Organisation.objects.get(pk=other.pk).logo_id == shared.pk


def test_the_logo_url_refuses_post(client, organisation):
    give_logo(organisation)
    assert client.post(organisation.logo_url).status_code == 405


def test_an_uploaded_logo_prints_in_the_pdf(consultant_client, consultant):
    consultant_client.post(
        reverse("organisation_new"),
        {
            "name": "Klant met logo",
            "policy_language": "nl",
            "brand_colour": "#1f5f8b",
            **INTAKE_ANSWERS,
            "logo": upload("logo.jpg", image_bytes(size=(300, 100), image_format="JPEG")),
        },
    )
    organisation = Organisation.objects.get(name="Klant met logo")
    policy = PolicyFactory(organisation=organisation, created_by=consultant)
    response = consultant_client.get(
        reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "pdf"})
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    images = reader.pages[0].images
    assert len(images) == 1
    assert images[0].image.size == (300, 100)


def test_the_live_preview_shows_the_logo_from_its_url(organisation, policy):
    give_logo(organisation)
    policy.organisation.refresh_from_db()
    assert f'src="{organisation.logo_url}"' in page_preview(policy)["policy_body"]


# --- Admin -----------------------------------------------------------------------------------


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(admin)
    return client


def admin_data(organisation: Organisation, **extra) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "policy_language": organisation.policy_language,
        "brand_colour": organisation.brand_colour,
        "contact_person": organisation.contact_person,
        "contact_email": organisation.contact_email,
        "sector": organisation.sector,
        "staff_size": organisation.staff_size,
        "participation_body": organisation.participation_body,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_admin_upload_goes_through_the_same_checks(admin_client_logged_in, organisation):
    url = reverse("admin:wizard_organisation_change", args=[organisation.pk])
    response = admin_client_logged_in.post(
        url, admin_data(organisation, new_logo=upload("logo.png", huge_png()))
    )
    assert response.status_code == 200
    assert "2.000 × 2.000 pixels" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.logo_id is None


def test_admin_sets_and_removes_a_logo(admin_client_logged_in, organisation):
    url = reverse("admin:wizard_organisation_change", args=[organisation.pk])
    jpeg = image_bytes(size=(300, 100), image_format="JPEG")
    response = admin_client_logged_in.post(
        url, admin_data(organisation, new_logo=upload("logo.jpeg", jpeg))
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo_id
    response = admin_client_logged_in.post(url, admin_data(organisation, remove_logo="on"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo_id is None
