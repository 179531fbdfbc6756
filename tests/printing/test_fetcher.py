"""The PDF renderer reads nothing but our static files and the policy's logo.

User text is escaped by the print template, never reaches CSS, and the one shared URL fetcher
refuses every other URL, so markup typed into any field stays text in the PDF.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader

from tests.factories import PolicyFactory, give_logo
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content, policy_document
from wizard.printing import DEFAULT_BRAND_COLOUR, policy_html, policy_pdf
from wizard.printing.fetcher import URL_FETCHER, LogoImage, RefusedURL, logo_print_url, static_dir
from wizard.printing.fit import layout

PAYLOADS = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(file:///etc/passwd);</style>",
    '<div style="background:url(http://127.0.0.1:9/x)">',
]


def hostile_policy(organisation, payload: str):
    """`payload` in every text a user can type: title, own words, line and lines fields."""
    content = default_content()
    for block in BLOCKS:
        content[block.key]["own_text"] = payload
        for block_field in block.fields:
            if block_field.kind == "line":
                content[block.key][block_field.key] = payload
            elif block_field.kind == "lines":
                content[block.key][block_field.key] = [payload, payload]
    organisation.name = payload[:120]
    organisation.contact_person = payload[:120]
    organisation.save()
    return PolicyFactory(
        organisation=organisation,
        title=payload[:120],
        content=content,
        contact_person=payload[:120],
        version_label="1.0",
    )


FINGERPRINTS = (f"changed-{n}" for n in itertools.count())


@pytest.fixture
def fetched():
    """Every URL the renderer asks the shared fetcher for while the test runs."""
    # A print file that looks changed: the stylesheets are parsed and the fonts fetched again.
    with (
        mock.patch("wizard.printing.styles.files_fingerprint", return_value=next(FINGERPRINTS)),
        mock.patch.object(URL_FETCHER, "fetch", wraps=URL_FETCHER.fetch) as fetch,
    ):
        yield fetch


def asked_urls(fetch) -> list[str]:
    return [call.args[0] for call in fetch.call_args_list]


def is_static_url(url: str) -> bool:
    static = static_dir().as_uri() + "/"
    return url.startswith(static) and ".." not in url


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_yields_one_page_without_attachments(organisation, payload):
    pdf = policy_pdf(policy_document(hostile_policy(organisation, payload)))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert reader.attachments == {}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_fetches_only_our_static_files(organisation, payload, fetched):
    policy_pdf(policy_document(hostile_policy(organisation, payload)))
    assert asked_urls(fetched)  # the fonts, so the spy really saw the renderer
    assert all(is_static_url(url) for url in asked_urls(fetched))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_never_prints_a_local_file(organisation, payload):
    pdf = policy_pdf(policy_document(hostile_policy(organisation, payload)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "root:x:0:0" not in text
    assert payload[:12] in text  # the markup itself is printed as text


def test_attachment_link_in_text_is_printed_as_text_not_embedded(policy):
    content = default_content()
    content["audience"]["own_text"] = '<link rel="attachment" href="file:///etc/passwd">'
    pdf = policy_pdf(policy_document(policy, content))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert "<link" in reader.pages[0].extract_text()


def test_brand_colour_injected_past_validation_renders_the_default(organisation, fetched):
    policy = PolicyFactory(organisation=organisation)
    # Set past validation, in memory: PostgreSQL's varchar(7) would refuse to store it at all.
    policy.organisation.brand_colour = "red; background:url(http://x)"
    doc = policy_document(policy)
    html = policy_html(doc)
    pdf = policy_pdf(doc)
    assert f"--policy-brand: {DEFAULT_BRAND_COLOUR};" in html
    assert "http://x" not in html
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert all(is_static_url(url) for url in asked_urls(fetched))


def test_renderer_rechecks_a_bad_colour_in_a_document_built_directly(policy, fetched):
    doc = dataclasses.replace(
        policy_document(policy), brand_colour="#fff;}@import url(http://127.0.0.1:9/x);"
    )
    policy_pdf(doc)
    assert all(is_static_url(url) for url in asked_urls(fetched))


# --- The fetcher itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "data:text/plain,hello",
        "file://example.org/etc/passwd",
        "//127.0.0.1/x",
        "relative/path.png",
    ],
)
def test_fetcher_refuses_anything_but_our_files(url):
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch(url)


def test_fetcher_serves_a_bundled_font():
    url = (static_dir() / "fonts" / "NotoSans-Regular.ttf").as_uri()
    response = URL_FETCHER.fetch(url)
    assert response.read(4) == b"\x00\x01\x00\x00"


def test_fetcher_refuses_dot_dot_out_of_the_static_folder():
    url = static_dir().as_uri() + "/../wizard/export.py"
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_static_folder(settings, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0")
    (static / "link.txt").symlink_to(tmp_path / "secret.txt")
    settings.STATICFILES_DIRS = [static]
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch((static / "link.txt").as_uri())


def test_fetcher_serves_a_logo_only_while_rendering_that_policy():
    logo = LogoImage(digest="a" * 64, png=b"\x89PNG\r\n\x1a\n")
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch(logo.url)
    with URL_FETCHER.allowing_logo(logo):
        assert URL_FETCHER.fetch(logo.url).read() == b"\x89PNG\r\n\x1a\n"
        # Exactly that logo: another digest is refused like any other URL.
        with pytest.raises(RefusedURL):
            URL_FETCHER.fetch(logo_print_url("b" * 64))
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch(logo.url)


def test_pdf_of_a_policy_with_a_logo_fetches_only_static_files_and_that_logo(policy, fetched):
    logo = give_logo(policy.organisation)
    policy_pdf(policy_document(policy))
    urls = asked_urls(fetched)
    assert logo_print_url(logo.digest) in urls
    assert all(is_static_url(u) or u == logo_print_url(logo.digest) for u in urls)


def test_fetcher_does_not_follow_redirects():
    # No redirect handler is installed, and fetch() never opens a connection at all.
    assert not any(
        type(handler).__name__ == "HTTPRedirectHandler" for handler in URL_FETCHER.handlers
    )


def test_presentational_hints_are_off(policy):
    with (
        mock.patch("weasyprint.HTML.render", autospec=True, side_effect=RuntimeError) as render,
        pytest.raises(RuntimeError),
    ):
        layout(policy_document(policy), 0)
    assert render.call_args.kwargs["presentational_hints"] is False


def test_refused_urls_are_logged_not_raised_as_warnings(caplog):
    with pytest.raises(RefusedURL):
        URL_FETCHER.fetch("file:///etc/passwd")
    assert "refused URL" in caplog.text


def test_static_dir_is_the_project_static_folder():
    assert static_dir() == (Path(__file__).resolve().parents[2] / "static")
