"""The preview's body HTML, kept in the shared cache under the composed document's hash and read
with the page fit in one round trip."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.factories import give_logo, with_own_text
from wizard.policies.document import policy_document
from wizard.printing import content_key, page_fit, policy_preview
from wizard.printing import render as printing_render
from wizard.printing.styles import PREVIEW_TEMPLATE, PRINT_TEMPLATE_FILES

# The preview's body and the template it includes.
BODY_TEMPLATES = (PREVIEW_TEMPLATE, "print/_policy_text.html")


def template_text(name: str) -> str:
    return (Path(settings.BASE_DIR) / "templates" / name).read_text(encoding="utf-8")


def fresh_body(doc) -> str:
    """What the preview pane included before the body was kept: the template, rendered now."""
    return render_to_string(
        PREVIEW_TEMPLATE, {"doc": doc, "logo_src": doc.logo_url, "in_app": True}
    )


def preview_counting_renders(doc, **options):
    with mock.patch.object(
        printing_render, "preview_body", wraps=printing_render.preview_body
    ) as rendered:
        fit, body = policy_preview(doc, **options)
    return fit, body, rendered.call_count


def kept_body(doc):
    return cache.get(f"policy-preview:{content_key(doc)}")


def test_the_kept_body_is_the_body_rendered_afresh(policy, organisation_with_logo):
    doc = policy_document(policy)
    assert doc.logo_url
    _fit, first, renders = preview_counting_renders(doc)
    assert renders == 1
    fit, again, renders = preview_counting_renders(policy_document(policy))
    assert renders == 0
    assert again == first == kept_body(doc) == fresh_body(doc)
    assert f'src="{doc.logo_url}"' in again
    assert fit == page_fit(doc)


def test_the_kept_body_is_safe_html(policy):
    policy_preview(policy_document(policy))
    _fit, body = policy_preview(policy_document(policy))
    assert render_to_string("_preview.html", {"policy_body": body}).count("<article") == 1


def change_text(policy):
    policy.content = with_own_text(policy, 300)


def change_organisation_name(policy):
    policy.organisation.name = "Andere Naam B.V."


def change_logo(policy):
    give_logo(policy.organisation, size=(300, 80), colour="#000000")


def change_language(policy):
    policy.language = "en"


@pytest.mark.parametrize(
    "change", [change_text, change_organisation_name, change_logo, change_language]
)
def test_a_changed_document_has_another_key_and_a_fresh_body(policy, change):
    before = policy_document(policy)
    _fit, old_body = policy_preview(before)
    change(policy)
    after = policy_document(policy)
    assert content_key(after) != content_key(before)
    _fit, body, renders = preview_counting_renders(after)
    assert renders == 1
    assert body == fresh_body(after) == kept_body(after)
    assert body != old_body


def test_the_body_is_the_same_in_every_interface_language(policy, organisation_with_logo):
    """The key holds no interface language: the body translates nothing, all its words are
    the document's own (in the policy's language)."""
    doc = policy_document(policy)
    policy_preview(doc)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            assert fresh_body(doc) == kept_body(doc)
            assert policy_preview(doc)[1] == kept_body(doc)


def test_the_body_templates_are_in_the_print_files_fingerprint():
    # A change to them changes the content key, so no body of the old templates is served.
    assert set(BODY_TEMPLATES) <= set(PRINT_TEMPLATE_FILES)


def test_the_body_templates_translate_nothing():
    # Whatever they show comes from the document (its content key), never from the active
    # language: no i18n or l10n tags, and no filter that formats by locale.
    for name in BODY_TEMPLATES:
        text = template_text(name)
        assert not re.search(
            r"{%\s*(load|trans|translate|blocktrans|blocktranslate|localize)", text
        )
        assert not re.search(r"\|\s*(date|time|naturaltime|localize|floatformat)", text)


def names_read(template_text: str) -> tuple[set[str], set[str]]:
    """(names the template reads, names its loops set) in `{{ }}`, `{% if %}` and `{% for %}`."""
    text = re.sub(r"{% comment %}.*?{% endcomment %}", "", template_text, flags=re.S)
    read, local = set(), set()
    for expression in re.findall(r"{{\s*(.*?)\s*}}", text):
        read.add(re.split(r"[.|\s]", expression)[0])
    for condition in re.findall(r"{%\s*(?:if|elif)\s+(.*?)\s*%}", text):
        read |= {w.split(".")[0] for w in condition.split() if w not in ("and", "or", "not")}
    for name, iterable in re.findall(r"{%\s*for\s+(\w+)\s+in\s+(.*?)\s*%}", text):
        local.add(name)
        read.add(iterable.split(".")[0])
    return read, local


def test_the_body_reads_nothing_but_the_document():
    """in_app and logo_src are set by preview_body (the logo's URL is in the document), and a
    publication's stored text_html is never given: the document's key covers the body."""
    for name in BODY_TEMPLATES:
        read, local = names_read(template_text(name))
        assert read - local <= {"doc", "logo_src", "in_app", "text_html"}, name


def test_a_live_preview_body_is_not_kept(policy):
    doc = policy_document(policy, with_own_text(policy, 200))
    _fit, body, renders = preview_counting_renders(doc, keep=False)
    assert renders == 1
    assert body == fresh_body(doc)
    assert kept_body(doc) is None
    # but a kept one is read
    policy_preview(doc)
    _fit, _body, renders = preview_counting_renders(doc, keep=False)
    assert renders == 0


def test_an_over_long_document_is_estimated_and_rendered_not_kept(policy):
    doc = policy_document(policy, with_own_text(policy, 200_000))
    fit, body = policy_preview(doc)
    assert not fit.fits
    assert body == fresh_body(doc)
    assert kept_body(doc) is None


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_an_unreachable_cache_still_gives_the_fit_and_body(policy, caplog):
    doc = policy_document(policy)
    with mock.patch.object(printing_render, "cache", BrokenCache()):
        fit, body = policy_preview(doc)
    assert body == fresh_body(doc)
    assert fit == page_fit(doc)
    assert "Export cache unavailable" in caplog.text


@pytest.mark.parametrize(
    "url_of",
    [
        lambda policy: reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"}),
        lambda policy: reverse("policy_review", kwargs={"pk": policy.pk}),
    ],
    ids=["step", "review"],
)
def test_an_unreachable_cache_still_renders_the_page(editor_client, policy, url_of):
    url = url_of(policy)
    editor_client.get(url)
    kept = editor_client.get(url)
    with mock.patch.object(printing_render, "cache", BrokenCache()):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert response.context["preview_html"] == kept.context["preview_html"]
    assert fresh_body(policy_document(policy)) in response.content.decode()
