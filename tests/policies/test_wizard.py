"""The six-step wizard: saving, navigation, resuming, validation and conflicts."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, PolicyFactory, form_data, step_url
from wizard.models import Membership
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content
from wizard.policies.services import policy_set_content
from wizard.policies.steps import STEP_KEYS


def test_the_wizard_has_six_steps_in_the_product_order():
    assert STEP_KEYS == [
        "social_media",
        "conduct",
        "authentic",
        "productivity",
        "confidential",
        "audience",
    ]


def test_a_step_page_shows_guidance_clauses_and_buttons_in_english(editor_client, policy):
    response = editor_client.get(step_url(policy, "conduct"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Next" in html and "Previous" in html
    assert "Step 2 of 6" in html
    assert "% of one A4 page" in html


@pytest.mark.parametrize(
    ("sector", "shown", "not_shown"),
    [
        ("care", "beroepsgeheim", "Woo-verzoek"),
        ("government", "Woo-verzoek", "beroepsgeheim"),
        ("business", "Een korte lijst geeft houvast", "beroepsgeheim"),
    ],
)
def test_the_guidance_is_fitted_to_the_sector(
    editor_client, policy, organisation, sector, shown, not_shown
):
    organisation.sector = sector
    organisation.save(update_fields=["sector"])
    html = editor_client.get(
        step_url(policy, "confidential"), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    guidance = html[html.index('<details class="guidance"') : html.index("</details>")]
    assert shown in guidance
    assert not_shown not in guidance


def test_the_guidance_is_open_on_the_first_step_a_user_sees(editor_client, policy):
    html = editor_client.get(step_url(policy, "conduct")).content.decode()
    assert '<details class="guidance" open>' in html


def test_the_guidance_is_folded_on_the_steps_after_that(editor_client, policy):
    editor_client.get(step_url(policy, "social_media"))
    for step in ("conduct", "social_media"):
        html = editor_client.get(step_url(policy, step), HTTP_ACCEPT_LANGUAGE="en")
        html = html.content.decode()
        assert '<details class="guidance">' in html
        assert "<summary>More explanation</summary>" in html


def test_the_last_step_button_is_finish(editor_client, policy):
    response = editor_client.get(step_url(policy, "audience"), HTTP_ACCEPT_LANGUAGE="en")
    assert ">Finish<" in response.content.decode()


def test_dutch_buttons(editor_client, policy):
    response = editor_client.get(step_url(policy, "conduct"), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert "Volgende" in html and "Vorige" in html


def test_submitting_a_step_saves_it_and_opens_the_next(editor_client, policy):
    data = form_data(policy, "conduct", own_text="Online gelden onze gewone regels.")
    response = editor_client.post(step_url(policy, "conduct"), data)
    policy.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == step_url(policy, "authentic")
    assert policy.content["conduct"]["own_text"] == "Online gelden onze gewone regels."


def test_a_plain_get_never_wipes_what_was_saved(editor_client, policy):
    editor_client.post(
        step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Blijft.")
    )
    editor_client.get(step_url(policy, "social_media"))
    response = editor_client.get(step_url(policy, "conduct"))
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == "Blijft."
    assert "Blijft." in response.content.decode()


def test_a_reset_in_the_url_wipes_nothing(editor_client, policy):
    # formtools resets its storage on ?reset; the policy is our storage and stays.
    editor_client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Blijf"))
    url = reverse("wizard_step", kwargs={"pk": policy.pk, "step": "finish"})
    editor_client.get(url + "?reset=1")
    editor_client.get(step_url(policy, "conduct") + "?reset=1")
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == "Blijf"


def test_an_incomplete_step_opens_without_errors_before_anything_is_typed(editor_client, policy):
    # formtools binds a step's form to its stored data on GET; ours is unbound.
    policy.content["conduct"] = {**policy.content["conduct"], "clauses": [], "own_text": ""}
    policy.save()
    html = editor_client.get(step_url(policy, "conduct"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose at least one clause" not in html.content.decode()


def test_only_declared_fields_are_stored(editor_client, policy):
    data = form_data(policy, "conduct", own_text="x")
    data["conduct-evil"] = "stored?"
    data["status"] = "approved"
    data["organisation"] = "999"
    editor_client.post(step_url(policy, "conduct"), data)
    policy.refresh_from_db()
    assert "evil" not in policy.content["conduct"]
    assert policy.status == "draft"
    session_data = str(dict(editor_client.session))
    assert "stored?" not in session_data


def test_an_empty_block_shows_an_error_and_saves_nothing(editor_client, policy):
    data = form_data(policy, "conduct", own_text="", clauses=[])
    response = editor_client.post(step_url(policy, "conduct"), data, HTTP_ACCEPT_LANGUAGE="en")
    policy.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one clause or write something in your own words." in html
    assert "error-summary" in html
    assert policy.content["conduct"]["clauses"]


def test_after_a_refused_save_the_preview_shows_what_was_typed(editor_client, policy):
    long_words = "Onze eigen regel die net te lang is. " * 40
    data = form_data(policy, "conduct", own_text=long_words[: BLOCKS[1].max_chars + 40])
    response = editor_client.post(step_url(policy, "conduct"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["own_text"]
    preview = response.content.decode().split('class="policy-preview', 1)[1]
    assert "Onze eigen regel die net te lang is." in preview
    policy.refresh_from_db()
    assert "Onze eigen regel" not in policy.content["conduct"].get("own_text", "")


def test_errors_are_in_dutch_for_dutch_users(editor_client, policy):
    data = form_data(policy, "conduct", own_text="", clauses=[])
    response = editor_client.post(step_url(policy, "conduct"), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Kies minstens één" in response.content.decode()


def test_too_long_own_text_is_refused(editor_client, policy):
    block = BLOCKS[1]
    data = form_data(policy, "conduct", own_text="a" * (block.max_chars + 1))
    response = editor_client.post(step_url(policy, "conduct"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["own_text"]


def test_control_characters_are_stripped_and_emoji_and_diacritics_kept(editor_client, policy):
    text = "Coöperatie één\x00\x07 IJsselmeer 👍🏽 \u202eevil"
    editor_client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text=text))
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == "Coöperatie één IJsselmeer 👍🏽 evil"


def test_previous_keeps_what_was_typed_even_when_invalid(editor_client, policy):
    data = form_data(policy, "authentic", clauses=[], own_text="Half af")
    data["wizard_goto_step"] = "conduct"
    response = editor_client.post(step_url(policy, "authentic"), data)
    policy.refresh_from_db()
    assert response["Location"] == step_url(policy, "conduct")
    assert policy.content["authentic"]["own_text"] == "Half af"
    assert policy.content["authentic"]["clauses"] == []


def test_jumping_to_another_step_keeps_what_was_typed(editor_client, policy):
    data = form_data(policy, "conduct", own_text="Onderweg")
    data["wizard_goto_step"] = "audience"
    editor_client.post(step_url(policy, "conduct"), data)
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == "Onderweg"


def test_an_unknown_step_is_404(editor_client, policy):
    assert editor_client.get(step_url(policy, "nope")).status_code == 404
    assert editor_client.post(step_url(policy, "nope"), {}).status_code == 404


def test_a_forged_current_step_in_the_management_form_is_ignored(editor_client, policy):
    data = form_data(policy, "conduct", own_text="Echt")
    data[f"policy_wizard_{policy.pk}-current_step"] = "does-not-exist"
    response = editor_client.post(step_url(policy, "conduct"), data)
    assert response.status_code == 302


def test_a_forged_goto_step_is_400(editor_client, policy):
    data = form_data(policy, "conduct")
    data["wizard_goto_step"] = "../../admin"
    assert editor_client.post(step_url(policy, "conduct"), data).status_code == 400


def test_finish_leads_to_the_review_page(editor_client, policy):
    response = editor_client.post(
        step_url(policy, "audience"), form_data(policy, "audience"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("policy_review", kwargs={"pk": policy.pk})


def test_finish_with_a_skipped_step_sends_the_user_back_to_it(editor_client, policy):
    skipped = {**policy.content["authentic"], "clauses": [], "own_text": ""}
    policy_set_content(policy, {**policy.content, "authentic": skipped})
    policy.save()
    response = editor_client.post(
        step_url(policy, "audience"), form_data(policy, "audience"), follow=True
    )
    assert response.redirect_chain[-1][0] == step_url(policy, "authentic")


def test_the_policy_reopens_at_the_step_where_it_was_left(editor_client, policy):
    editor_client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="x"))
    editor_client.post(reverse("account_logout"))
    editor_client.force_login(policy.created_by)
    response = editor_client.get(reverse("policy_resume", kwargs={"pk": policy.pk}))
    assert response["Location"] == step_url(policy, "authentic")


def test_a_colleague_sees_what_was_saved(client, policy, editor):
    editor_client = client
    editor_client.force_login(editor)
    editor_client.post(
        step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Van mij")
    )
    colleague = MembershipFactory(
        organisation=policy.organisation, role=Membership.Role.EDITOR
    ).user
    client.force_login(colleague)
    response = client.get(step_url(policy, "conduct"))
    assert "Van mij" in response.content.decode()


def test_the_wizard_keeps_nothing_in_the_session(editor_client, policy):
    """Two tabs on two policies can't share or lose wizard state: it all lives in the policy."""
    other = PolicyFactory(organisation=policy.organisation)
    editor_client.post(
        step_url(policy, "productivity"), form_data(policy, "productivity", own_text="Eerste")
    )
    editor_client.post(step_url(other, "conduct"), form_data(other, "conduct", own_text="Twee"))
    policy.refresh_from_db()
    other.refresh_from_db()
    assert policy.content["productivity"]["own_text"] == "Eerste"
    assert other.content["conduct"]["own_text"] == "Twee"
    assert not [key for key, _value in editor_client.session.items() if key.startswith("wizard")]


def test_opening_a_step_again_writes_nothing(editor_client, policy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = step_url(policy, "conduct")
    editor_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(url)
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert writes == []
    assert "sessionid" not in response.cookies


def test_submitting_the_same_step_twice_writes_once(editor_client, policy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = form_data(policy, "conduct", own_text="Een keer opslaan")
    first = editor_client.post(step_url(policy, "conduct"), data)
    with CaptureQueriesContext(connection) as queries:
        second = editor_client.post(step_url(policy, "conduct"), data)
    policy.refresh_from_db()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == step_url(policy, "authentic")
    writes = [
        q["sql"]
        for q in queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert writes == []
    assert policy.revisions.filter(step="conduct").count() == 1
    assert policy.last_step == "authentic"


def test_saving_from_a_stale_page_shows_the_conflict_page(client, policy, editor, consultant):
    stale = form_data(policy, "conduct", own_text="Versie van de consultant")
    client.force_login(editor)
    client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Versie van HR"))
    client.force_login(consultant)
    response = client.post(step_url(policy, "conduct"), stale, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    policy.refresh_from_db()
    assert response.status_code == 409
    assert "Versie van HR" in html and "Versie van de consultant" in html
    assert policy.content["conduct"]["own_text"] == "Versie van HR"


@pytest.mark.parametrize(("choice", "kept"), [("mine", "Mijn"), ("theirs", "Hun")])
def test_the_conflict_page_lets_the_user_choose(client, policy, editor, consultant, choice, kept):
    stale = form_data(policy, "conduct", own_text="Mijn")
    client.force_login(editor)
    client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Hun"))
    client.force_login(consultant)
    client.post(step_url(policy, "conduct"), stale)
    url = reverse("conflict_resolve", kwargs={"pk": policy.pk, "step": "conduct"})
    client.post(url, {"choice": choice})
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == kept


def test_a_reviewer_cannot_open_the_wizard(client, policy, reviewer):
    client.force_login(reviewer)
    assert client.get(step_url(policy, "conduct")).status_code == 403


def test_the_preview_endpoint_measures_unsaved_text(editor_client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    data = form_data(policy, "conduct", own_text="Nog niet opgeslagen <script>alert(1)</script>")
    response = editor_client.post(url, data)
    payload = response.json()
    policy.refresh_from_db()
    assert 0 < payload["percent"] <= 100
    assert "Nog niet opgeslagen &lt;script&gt;" in payload["html"]
    assert policy.content["conduct"]["own_text"] == ""


def test_a_step_page_shows_what_is_stored_now(editor_client, policy):
    url = step_url(policy, "social_media")
    assert "Voorbeeld Zorg B.V." in editor_client.get(url).content.decode()
    policy.organisation.name = "Hernoemd Zorg B.V."
    policy.organisation.save()
    html = editor_client.get(url).content.decode()
    assert "Hernoemd Zorg B.V." in html
    assert "Voorbeeld Zorg B.V." not in html

    editor_client.post(url, form_data(policy, "social_media", own_text="Nieuwe eigen tekst"))
    html = editor_client.get(url).content.decode()
    assert "Nieuwe eigen tekst" in html  # in the form and in the preview
    assert html.count("Nieuwe eigen tekst") >= 2

    english = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More explanation" in english


# --- Which steps are complete ---------------------------------------------------------------


def test_the_step_list_follows_a_saved_change_at_once(editor_client, policy):
    step_url = reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"})

    def complete() -> dict:
        """{step: complete?} as the list of steps beside the form shows it."""
        page = editor_client.get(step_url).content.decode()
        item = r'<li class="steps__item([^"]*)">\s*'
        link = r'(?:<button[^>]*value="(\w+)"|<a[^>]*/steps/(\w+)/")'
        found = re.findall(item + link, page)
        shown = {button or a: "--complete" in classes for classes, button, a in found}
        assert list(shown)[:6] == STEP_KEYS
        return {key: shown[key] for key in STEP_KEYS}

    assert all(complete().values())
    policy_set_content(policy, {**policy.content, "conduct": {}})
    policy.save()
    assert complete()["conduct"] is False
    policy_set_content(policy, default_content(policy.organisation))
    policy.save()
    assert all(complete().values())


def test_the_step_form_follows_the_policy_language(editor_client, policy):
    conduct = step_url(policy, "conduct")
    dutch = editor_client.get(conduct).content.decode()
    policy.language = "en"
    policy.save()
    english = editor_client.get(conduct)
    assert '<span lang="nl">' in dutch
    assert '<span lang="en">' in english.content.decode()
    assert '<span lang="nl">' not in english.content.decode()
