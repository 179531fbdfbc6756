"""Bad input through the real forms: CSS in a colour, huge and many-line texts, invisible
characters, endless words. Each gets a clear answer in bounded time, and nothing bad is stored.

NUL bytes, which PostgreSQL refuses outright, are in tests/test_postgres_parity.py.
"""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import (
    INTAKE_ANSWERS,
    form_data,
    publish,
    step_overrides,
    step_url,
    text_form_fields,
)
from wizard.models import Organisation
from wizard.policies.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.policies.document import policy_document
from wizard.policies.forms import DetailsForm
from wizard.printing import policy_pdf

# Bounded time: far below the ~30 s WeasyPrint would need for hundreds of pages.
QUICK_SECONDS = 5


def organisation_data(**overrides) -> dict:
    return {
        "name": "Klant B.V.",
        "policy_language": "nl",
        "brand_colour": "#1f5f8b",
        **INTAKE_ANSWERS,
        **overrides,
    }


# --- Brand colour -----------------------------------------------------------------------------

HOSTILE_COLOURS = [
    "red; background:url(http://127.0.0.1:9/x)",
    "#1f5f8b; background:url(file:///etc/passwd)",
    "#1f5f8b;}",
    "#1f5f8",
    "url(x)",
    "expression(alert(1))",
    "var(--x)",
    "#1f5f8b\u0000",
]


@pytest.mark.parametrize("colour", HOSTILE_COLOURS)
def test_a_brand_colour_that_is_not_hex_is_refused(client, consultant, colour):
    client.force_login(consultant)
    response = client.post(reverse("organisation_new"), organisation_data(brand_colour=colour))
    assert response.status_code == 200
    assert response.context["form"].errors["brand_colour"]
    assert not Organisation.objects.filter(name="Klant B.V.").exists()


def test_a_brand_colour_that_is_not_hex_is_refused_in_the_admin(admin_client):
    data = {
        **organisation_data(brand_colour="red; background:url(http://127.0.0.1:9/x)"),
        "slug": "klant",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = admin_client.post("/admin/wizard/organisation/add/", data)
    assert response.status_code == 200
    assert not Organisation.objects.filter(slug="klant").exists()


# --- Huge input -----------------------------------------------------------------------------

TEN_MEGABYTES = "x" * 10_000_000
SIXTY_KB_OF_LINES = "a\n" * 30_000


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_a_ten_megabyte_field_is_a_clear_400_in_bounded_time(editor_client, policy):
    data = form_data(policy, "conduct", own_text=TEN_MEGABYTES)
    response, seconds = timed(lambda: editor_client.post(step_url(policy, "conduct"), data))
    policy.refresh_from_db()
    assert response.status_code == 400
    assert seconds < QUICK_SECONDS
    assert policy.content["conduct"]["own_text"] == ""


def test_the_ten_megabyte_page_says_what_to_do(editor_client, policy):
    data = form_data(policy, "conduct", own_text=TEN_MEGABYTES)
    response = editor_client.post(step_url(policy, "conduct"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert "shorten the text" in response.content.decode()


def test_a_ten_megabyte_preview_is_a_400(editor_client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    response = editor_client.post(url, form_data(policy, "conduct", own_text=TEN_MEGABYTES))
    assert response.status_code == 400


def test_a_ten_megabyte_login_is_a_400(client, db):
    response = client.post(reverse("account_login"), {"login": TEN_MEGABYTES, "password": "x"})
    assert response.status_code == 400


def test_a_megabyte_field_under_the_upload_limit_is_a_field_error(editor_client, policy):
    data = form_data(policy, "conduct", own_text="x" * 1_000_000)
    response, seconds = timed(lambda: editor_client.post(step_url(policy, "conduct"), data))
    assert response.status_code == 200
    assert response.context["form"].errors["own_text"]
    assert seconds < QUICK_SECONDS


def test_sixty_kilobytes_of_newlines_is_a_field_error_in_bounded_time(editor_client, policy):
    data = form_data(policy, "conduct", own_text=SIXTY_KB_OF_LINES)
    response, seconds = timed(lambda: editor_client.post(step_url(policy, "conduct"), data))
    assert response.status_code == 200
    assert response.context["form"].errors["own_text"]
    assert seconds < QUICK_SECONDS


@pytest.mark.parametrize(
    ("step", "field"),
    [(b.key, f.key) for b in BLOCKS for f in b.fields if f.kind in ("line", "lines")],
)
def test_sixty_kilobytes_of_newlines_in_a_block_field_is_a_field_error(
    editor_client, policy, step, field
):
    data = form_data(policy, step, **{field: SIXTY_KB_OF_LINES})
    response = editor_client.post(step_url(policy, step), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_sixty_kilobytes_of_newlines_in_the_preview_is_measured_without_layout(
    editor_client, policy
):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    data = form_data(policy, "conduct", own_text=SIXTY_KB_OF_LINES)
    response, seconds = timed(lambda: editor_client.post(url, data))
    assert response.status_code == 200
    assert response.json()["fits"] is False
    assert seconds < QUICK_SECONDS


def test_sixty_kilobytes_saved_as_a_draft_is_cut_and_shown_in_bounded_time(editor_client, policy):
    data = {
        **form_data(policy, "conduct", own_text=SIXTY_KB_OF_LINES),
        "wizard_goto_step": "audience",
    }
    editor_client.post(step_url(policy, "conduct"), data)
    policy.refresh_from_db()
    response, seconds = timed(lambda: editor_client.get(step_url(policy, "conduct")))
    assert len(policy.content["conduct"]["own_text"]) < 10_000
    assert response.status_code == 200
    assert seconds < QUICK_SECONDS


def test_an_oversized_draft_is_not_exported(editor_client, policy):
    data = {
        **form_data(policy, "conduct", own_text=SIXTY_KB_OF_LINES),
        "wizard_goto_step": "audience",
    }
    editor_client.post(step_url(policy, "conduct"), data)
    url = reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "pdf"})
    response, seconds = timed(lambda: editor_client.get(url))
    assert response.status_code == 302
    assert seconds < QUICK_SECONDS


# --- Invisible characters -------------------------------------------------------------------

# Right-to-left and left-to-right overrides, embeddings and isolates: they make text read
# differently from what it says.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TEXT_WITH_OVERRIDES = "Veilig\u202egnilaeh\u202c delen\u2066 en\u2069 meer"
TEXT_WITHOUT_OVERRIDES = "Veiliggnilaeh delen en meer"


def test_bidi_overrides_are_removed_from_every_step_field(editor_client, policy):
    for block in BLOCKS:
        overrides = step_overrides(block, TEXT_WITH_OVERRIDES)
        editor_client.post(step_url(policy, block.key), form_data(policy, block.key, **overrides))
        policy.refresh_from_db()
        for name in overrides:
            stored = policy.content[block.key][name]
            assert stored in (TEXT_WITHOUT_OVERRIDES, [TEXT_WITHOUT_OVERRIDES]), (block.key, name)


def test_bidi_overrides_are_removed_from_the_finishing_details(editor_client, policy):
    data = {"language": "nl", **dict.fromkeys(text_form_fields(DetailsForm), "1.0\u202e")}
    editor_client.post(reverse("policy_review", kwargs={"pk": policy.pk}), data)
    policy.refresh_from_db()
    assert not set(policy.title + policy.version_label + policy.contact_person) & set(BIDI_CONTROLS)


def test_bidi_overrides_are_removed_from_an_organisation_name(client, consultant):
    client.force_login(consultant)
    client.post(reverse("organisation_new"), organisation_data(name="Klant\u202e B.V."))
    assert Organisation.objects.filter(name="Klant B.V.").exists()


# Zero-width joiners build emoji and some scripts; a zero-width space is a break hint.
ZERO_WIDTH_TEXT = "Team 👩\u200d💻 en 👨\u200d👩\u200d👧, lang\u200bwoord, می\u200cخواهم"


def test_zero_width_characters_are_kept_as_typed(editor_client, policy):
    data = form_data(policy, "audience", own_text=ZERO_WIDTH_TEXT)
    editor_client.post(step_url(policy, "audience"), data)
    policy.refresh_from_db()
    assert policy.content["audience"]["own_text"] == ZERO_WIDTH_TEXT


def test_zero_width_characters_render_on_the_one_page(policy):
    content = {**policy.content, "audience": {**policy.content["audience"]}}
    content["audience"]["own_text"] = ZERO_WIDTH_TEXT
    pdf = policy_pdf(policy_document(policy, content))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Team" in reader.pages[0].extract_text()


# --- Very long words ------------------------------------------------------------------------

LONG_WORD = "Aansprakelijkheidsverzekering" * 16  # 464 characters, no break opportunity


def test_a_very_long_word_is_accepted_within_the_limit(editor_client, policy):
    data = form_data(policy, "conduct", own_text=LONG_WORD)
    response = editor_client.post(step_url(policy, "conduct"), data)
    assert response.status_code == 302
    assert len(LONG_WORD) <= BLOCKS_BY_KEY["conduct"].max_chars


def test_a_very_long_word_wraps_on_the_one_page(policy):
    content = {**policy.content, "conduct": {**policy.content["conduct"], "own_text": LONG_WORD}}
    policy.title = LONG_WORD[:120]
    pdf = policy_pdf(policy_document(policy, content))
    reader = PdfReader(io.BytesIO(pdf))
    lines = reader.pages[0].extract_text().splitlines()
    assert len(reader.pages) == 1
    # Wrapped over several lines, not run off the page: no line holds the whole word.
    assert max(len(line) for line in lines) < 200
    assert "".join(lines).count("Aansprakelijkheidsverzekering") >= 16


def test_a_body_over_the_request_bound_is_refused_before_it_is_read(client, db, settings):
    # Uploaded files do not count for DATA_UPLOAD_MAX_MEMORY_SIZE; the whole body does here.
    settings.REQUEST_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("big.csv", b"x" * 20_000, content_type="text/csv")
    response = client.post(reverse("account_login"), {"login": "a", "file": upload})
    assert response.status_code == 400


# --- The public pages of the rollout --------------------------------------------------------


def test_a_ten_megabyte_upload_to_check_a_copy_is_refused_in_bounded_time(client, db):
    upload = SimpleUploadedFile("copy.pdf", b"%PDF" + b"0" * 10_000_000, "application/pdf")
    response, seconds = timed(lambda: client.post(reverse("check_copy"), {"file": upload}))
    assert response.status_code in (400, 413)
    assert seconds < QUICK_SECONDS


def test_check_a_copy_with_nothing_chosen_says_what_to_do(client, db):
    response = client.post(reverse("check_copy"), {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Choose a PDF or enter its SHA-256." in response.content.decode()


@pytest.mark.parametrize("key", ["x", "A" * 4000, "gAAAAA%00", "..%2F..%2Fetc"])
def test_a_forged_confirmation_link_is_a_404(client, policy, editor, key):
    published = publish(policy, editor)
    url = reverse("confirm_by_email", kwargs={"token": published.share_token, "key": key})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
