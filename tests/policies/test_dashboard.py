from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    INTAKE_ANSWERS,
    MembershipFactory,
    OrganisationFactory,
    PolicyFactory,
    UserFactory,
)
from wizard.models import Membership, Policy
from wizard.organisations.middleware import SESSION_KEY

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_dashboard_lists_the_current_organisations_policies(editor_client, policy):
    response = editor_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert [p.pk for p in response.context["policies"]] == [policy.pk]
    assert "Social-mediabeleid" in response.content.decode()


def test_dashboard_does_not_list_other_organisations_policies(editor_client, policy):
    other = PolicyFactory(title="Geheim beleid van een ander")
    response = editor_client.get(reverse("dashboard"))
    assert other.pk not in [p.pk for p in response.context["policies"]]
    assert "Geheim beleid" not in response.content.decode()


def test_dashboard_offers_new_policy_in_english(editor_client):
    response = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "New policy" in response.content.decode()


def test_dashboard_offers_nieuw_beleid_in_dutch(editor_client):
    response = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Nieuw beleid" in response.content.decode()


def test_new_policy_creates_a_draft_and_opens_step_one(editor_client, organisation, editor):
    response = editor_client.post(reverse("policy_new"), {"title": "", "language": "en"})
    policy = Policy.objects.get(organisation=organisation)
    assert policy.status == Policy.Status.DRAFT
    assert policy.language == "en"
    assert policy.created_by == editor
    assert response["Location"] == reverse(
        "wizard_step", kwargs={"pk": policy.pk, "step": "social_media"}
    )


def test_a_reviewer_cannot_create_a_policy(client, reviewer, organisation):
    client.force_login(reviewer)
    response = client.post(reverse("policy_new"), {"language": "nl"})
    assert response.status_code == 403
    assert not Policy.objects.exists()


def test_consultant_switches_organisation_in_the_header(client, db):
    first = OrganisationFactory(name="Aardappel BV")
    second = OrganisationFactory(name="Zuivel BV")
    membership = MembershipFactory(organisation=first, role=Membership.Role.CONSULTANT)
    MembershipFactory(user=membership.user, organisation=second, role=Membership.Role.CONSULTANT)
    PolicyFactory(organisation=second, title="Beleid van Zuivel")
    client.force_login(membership.user)
    client.post(reverse("organisation_switch"), {"organisation": second.pk})
    assert client.session[SESSION_KEY] == second.pk
    response = client.get(reverse("dashboard") + "?overview")
    assert "Beleid van Zuivel" in response.content.decode()


def test_switch_ignores_an_external_next_url(client, consultant, organisation):
    client.force_login(consultant)
    response = client.post(
        reverse("organisation_switch"),
        {"organisation": organisation.pk, "next": "//evil.example/"},
    )
    assert response["Location"] == reverse("dashboard") + "?overview"


def test_consultant_creates_a_client_organisation(client, consultant):
    client.force_login(consultant)
    response = client.post(
        reverse("organisation_new"),
        {
            "name": "Nieuwe Klant",
            "policy_language": "en",
            "brand_colour": "#112233",
            **INTAKE_ANSWERS,
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=consultant, organisation__name="Nieuwe Klant")
    assert membership.role == Membership.Role.CONSULTANT


def test_brand_colour_must_be_a_hex_value(client, consultant):
    client.force_login(consultant)
    response = client.post(
        reverse("organisation_new"),
        {
            "name": "Kleur",
            "policy_language": "nl",
            "brand_colour": "red; background:url(x)",
            **INTAKE_ANSWERS,
        },
    )
    assert response.status_code == 200
    assert "brand_colour" in response.context["form"].errors


def test_an_editor_cannot_create_client_organisations(editor_client):
    response = editor_client.get(reverse("organisation_new"))
    assert response.status_code == 403


def _member_of_many(client, count):

    user = UserFactory()
    organisations = [OrganisationFactory(name=f"Klant {n:02d}") for n in range(count)]
    for organisation in organisations:
        MembershipFactory(user=user, organisation=organisation, role=Membership.Role.CONSULTANT)
    client.force_login(user)
    return user, organisations


def test_many_organisations_get_a_link_to_all_of_them_instead_of_a_long_select(client, db):
    from wizard.organisations.middleware import SWITCHER_SIZE

    _user, organisations = _member_of_many(client, SWITCHER_SIZE + 5)
    html = client.get(
        reverse("dashboard") + "?overview", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="org-switch-select"' not in html
    assert "All organisations" in html
    assert organisations[0].name in html  # the current one, first by name


def test_all_organisations_page_lists_and_opens_them(client, db):
    user, organisations = _member_of_many(client, 30)
    PolicyFactory(organisation=OrganisationFactory(name="Niet van mij"))
    first = client.get(reverse("organisation_list"), HTTP_ACCEPT_LANGUAGE="en")
    html = first.content.decode()
    assert first.status_code == 200
    assert "Your organisations" in html
    assert "Klant 00" in html and "Klant 24" in html and "Klant 25" not in html
    assert "Niet van mij" not in html
    second = client.get(reverse("organisation_list") + "?page=2").content.decode()
    assert "Klant 29" in second and "Klant 05" not in second
    last = organisations[-1]
    response = client.post(
        reverse("organisation_switch"),
        {"organisation": last.pk, "next": reverse("dashboard")},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == last.pk
    # The current organisation beyond the switcher's first 25 is still the one shown.
    dashboard = client.get(reverse("dashboard") + "?overview").content.decode()
    assert f"<h1>{last.name}</h1>" in dashboard


def test_all_organisations_page_in_dutch(client, db):
    _member_of_many(client, 2)
    html = client.get(reverse("organisation_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Jouw organisaties" in html


def test_with_many_organisations_the_first_by_name_is_current(client, db):
    from wizard.organisations.middleware import SWITCHER_SIZE

    user = UserFactory()
    # Created in reverse name order, so creation order and name order differ.
    for n in reversed(range(SWITCHER_SIZE + 5)):
        MembershipFactory(
            user=user,
            organisation=OrganisationFactory(name=f"Klant {n:02d}"),
            role=Membership.Role.CONSULTANT,
        )
    client.force_login(user)
    first = client.get(reverse("dashboard") + "?overview").content.decode()
    assert "<h1>Klant 00</h1>" in first
    # Reading a page writes nothing, not even the choice.
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("count", [3, 30])
def test_a_forged_current_organisation_never_selects_a_stranger(client, db, count):
    _user, organisations = _member_of_many(client, count)
    stranger = OrganisationFactory(name="Aaa niet van mij")
    session = client.session
    session[SESSION_KEY] = stranger.pk
    session.save()
    html = client.get(reverse("dashboard") + "?overview").content.decode()
    assert "Aaa niet van mij" not in html
    assert f"<h1>{organisations[0].name}</h1>" in html


# --- The cached policy list -------------------------------------------------------------------


def shown_titles(html: str) -> list[str]:
    return re.findall(r'<td><a href="/policies/\d+/">([^<]+)</a>', html)


def test_the_dashboard_lists_20_a_page_newest_first_and_pages_the_rest(editor_client, organisation):
    now = timezone.now()
    for n in range(27):
        policy = PolicyFactory(organisation=organisation, title=f"Beleid {n:02d}")
        Policy.objects.filter(pk=policy.pk).update(updated_at=now - datetime.timedelta(hours=n))
    same = now - datetime.timedelta(hours=100)
    for n in range(2):  # changed at the same moment: the id settles it
        policy = PolicyFactory(organisation=organisation, title=f"Gelijk {n}")
        Policy.objects.filter(pk=policy.pk).update(updated_at=same)
    html = editor_client.get(reverse("dashboard")).content.decode()
    assert shown_titles(html) == [f"Beleid {n:02d}" for n in range(20)]
    assert "Pagina 1 van 2" in html and 'href="?page=2" rel="next"' in html
    # Nothing is hidden: the older ones are on the next page.
    html = editor_client.get(reverse("dashboard") + "?page=2").content.decode()
    assert shown_titles(html) == [f"Beleid {n:02d}" for n in range(20, 27)] + [
        "Gelijk 1",
        "Gelijk 0",
    ]
    assert 'href="?page=1" rel="prev"' in html
    # A page that is no number, or past the end, is the first or the last page.
    html = editor_client.get(reverse("dashboard") + "?page=x").content.decode()
    assert shown_titles(html)[0] == "Beleid 00"
    html = editor_client.get(reverse("dashboard") + "?page=99").content.decode()
    assert shown_titles(html)[-1] == "Gelijk 0"
    Policy.objects.filter(title__startswith="Beleid").update(status=Policy.Status.ARCHIVED)
    Policy.objects.filter(title__startswith="Beleid").update(updated_at=same)
    html = editor_client.get(reverse("dashboard")).content.decode()
    # Archived ones are listed (as "archived") like any other.
    assert shown_titles(html)[:2] == ["Gelijk 1", "Gelijk 0"]
    assert "status--archived" in html


def test_a_consultants_dashboard_pages_stay_on_the_organisation(client, organisation):
    consultant = UserFactory()
    MembershipFactory(user=consultant, organisation=organisation, role=Membership.Role.CONSULTANT)
    for n in range(21):
        PolicyFactory(organisation=organisation, title=f"Beleid {n:02d}")
    client.force_login(consultant)
    html = client.get(reverse("dashboard") + "?overview").content.decode()
    assert 'href="?page=2&amp;overview" rel="next"' in html
    response = client.get(reverse("dashboard") + "?page=2&overview")
    assert response.status_code == 200
    assert len(shown_titles(response.content.decode())) == 1


def shown_date(value) -> str:
    from django.utils.dateformat import format as date_format

    with translation.override("en"):
        return date_format(timezone.localtime(value), "j M Y H:i")


def test_the_new_policy_form_stays_outside_the_cached_list(editor_client, organisation):
    PolicyFactory(organisation=organisation)
    for language, button in (("en", "New policy"), ("nl", "Nieuw beleid")):
        html = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE=language)
        html = html.content.decode()
        form = html[html.index(f'<form method="post" action="{reverse("policy_new")}">') :]
        form = form[: form.index("</form>")]
        assert 'name="csrfmiddlewaretoken"' in form and button in form
    response = editor_client.post(
        reverse("policy_new"), {"title": "Via het formulier", "language": "nl"}
    )
    assert response.status_code == 302
    assert "Via het formulier" in editor_client.get(reverse("dashboard")).content.decode()


# --- Rows ------------------------------------------------------------------------------------


def test_a_renamed_user_shows_under_the_new_name_on_the_next_load(editor_client, policy, editor):
    assert f"· {editor.username}<" in editor_client.get(reverse("dashboard")).content.decode()
    editor.username = "sanne-hernoemd"
    editor.save()
    page = editor_client.get(reverse("dashboard")).content.decode()
    assert "· sanne-hernoemd<" in page


def test_rows_follow_the_interface_language(editor_client, policy):
    dutch = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Concept" in dutch and "Nederlands" in dutch
    assert "Draft" in english and "Dutch" in english


def test_a_row_escapes_the_title(editor_client, policy):
    policy.title = '<img src=x onerror="alert(1)">'
    policy.save()
    page = editor_client.get(reverse("dashboard")).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_a_row_shows_the_review_flag_of_the_day_it_is_shown(editor_client, policy, monkeypatch):
    policy.status = Policy.Status.APPROVED
    policy.next_review_date = timezone.localdate() + datetime.timedelta(days=40)
    policy.save()
    page = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "Review due soon" not in page and "Review overdue" not in page
    later = timezone.localdate() + datetime.timedelta(days=41)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert "Review overdue" in editor_client.get(reverse("dashboard"), **EN).content.decode()


def test_two_policies_with_the_same_title_are_told_apart_by_version_and_author(
    editor_client, organisation, editor
):
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    PolicyFactory(
        organisation=organisation, title="Zelfde titel", version_label="1.0", updated_by=editor
    )
    PolicyFactory(
        organisation=organisation, title="Zelfde titel", version_label="1.1", updated_by=colleague
    )
    html = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "version 1.0" in html and "version 1.1" in html
    assert f"· {editor.username}" in html and f"· {colleague.username}" in html


# --- The steps: progress and the first explanation (issue 24) ------------------------------


def test_a_draft_row_shows_how_many_steps_are_checked(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(checked_steps=["social_media", "conduct"])
    html = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "2 of 6 checked" in html


def test_a_published_row_shows_no_step_progress(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.PUBLISHED)
    html = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "of 6 checked" not in html


def test_the_dashboard_explains_the_steps_at_first(editor_client):
    html = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "A policy has six steps. We filled in every step for you already" in html
    assert "about 30 minutes" in html
    assert "<li>Core values and conduct</li>" in html


def test_the_explanation_is_in_dutch_for_dutch_users(editor_client):
    html = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Dit kost ongeveer 30 minuten." in html


def test_hiding_the_explanation_keeps_it_hidden_for_the_session(editor_client):
    response = editor_client.post(reverse("dashboard_intro_dismiss"))
    html = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert response.status_code == 302
    assert "A policy has six steps" not in html


def test_the_explanation_is_hidden_by_a_post_only(editor_client):
    assert editor_client.get(reverse("dashboard_intro_dismiss")).status_code == 405


def test_someone_who_cannot_write_policies_gets_no_explanation(client, organisation):
    reader = UserFactory()
    MembershipFactory(user=reader, organisation=organisation, role=Membership.Role.REVIEWER)
    client.force_login(reader)
    html = client.get(reverse("dashboard") + "?overview", **EN).content.decode()
    assert "A policy has six steps" not in html
