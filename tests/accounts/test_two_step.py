"""Two-step login: an organisation may require it of every member; staff roles by setting."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory
from wizard.models import Membership


def with_authenticator_app(user) -> None:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


@pytest.fixture
def requiring(organisation):
    organisation.require_two_step_login = True
    organisation.save()
    return organisation


def test_a_member_without_two_step_login_is_sent_to_set_it_up(editor_client, requiring):
    response = editor_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_the_set_up_page_itself_opens(editor_client, requiring):
    assert editor_client.get(reverse("mfa_index")).status_code == 200


def test_a_member_with_an_authenticator_app_gets_in(editor_client, editor, requiring):
    with_authenticator_app(editor)
    assert editor_client.get(reverse("dashboard")).status_code == 200


def test_recovery_codes_alone_are_no_second_step(editor_client, editor, requiring):
    Authenticator.objects.create(
        user=editor, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    assert editor_client.get(reverse("dashboard"))["Location"] == reverse("mfa_index")


def test_an_organisation_that_does_not_require_it_opens_without(editor_client):
    assert editor_client.get(reverse("dashboard")).status_code == 200


def test_consultants_need_it_when_the_setting_says_so(client, consultant, settings):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = True
    client.force_login(consultant)
    assert client.get(reverse("dashboard"))["Location"] == reverse("mfa_index")


def test_editors_do_not_need_it_for_the_staff_setting(editor_client, settings):
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = True
    assert editor_client.get(reverse("dashboard")).status_code == 200


def test_an_editor_requires_it_on_the_organisations_sign_in_page(editor_client, organisation):
    response = editor_client.post(reverse("organisation_sign_in"), {"require_two_step_login": "on"})
    organisation.refresh_from_db()
    assert response.status_code == 302
    assert organisation.require_two_step_login


@pytest.mark.parametrize("role", [Membership.Role.REVIEWER, Membership.Role.CONSULTANT])
def test_only_editors_change_the_sign_in_rules(organisation, role):
    client = Client()
    client.force_login(MembershipFactory(organisation=organisation, role=role).user)
    response = client.post(reverse("organisation_sign_in"), {"require_two_step_login": "on"})
    organisation.refresh_from_db()
    assert response.status_code == 403
    assert not organisation.require_two_step_login


def test_the_sign_in_page_needs_a_login(client, db):
    response = client.get(reverse("organisation_sign_in"))
    assert response["Location"].startswith(reverse("account_login"))


def test_a_forged_current_organisation_changes_only_the_users_own(client, outsider, organisation):
    client.force_login(outsider)
    session = client.session
    session["current_organisation_id"] = organisation.pk
    session.save()
    client.post(reverse("organisation_sign_in"), {"require_two_step_login": "on"})
    organisation.refresh_from_db()
    assert not organisation.require_two_step_login
    assert Membership.objects.get(user=outsider).organisation.require_two_step_login


def account_pages() -> list[str]:
    """The paths of every account page that takes no argument (allauth's and ours)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route:
                yield route

    return sorted(
        "/" + route
        for route in walk(get_resolver().url_patterns)
        if route.startswith("accounts/") and "logout" not in route
    )


@pytest.mark.parametrize("path", account_pages())
def test_every_account_page_opens(editor_client, path):
    # The security keys' list loads allauth's humanize filters, for one.
    assert editor_client.get(path).status_code < 500


def test_allauths_fields_are_written_like_ours_and_a_shown_secret_can_be_copied():
    from django.template import Context, Template, engines
    from django.template.base import Origin

    source = (
        '{% load allauth %}{% element field id="secret" type="text" value="ABC234"'
        " disabled=True %}{% slot label %}Secret{% endslot %}"
        "{% slot help_text %}Keep it.{% endslot %}{% endelement %}"
    )
    # allauth names an element's context after the template it is used in.
    origin = Origin("test.html", template_name="test.html")
    engine = engines["django"].engine
    page = Template(source, origin=origin, engine=engine).render(Context({}))
    assert '<div class="field">' in page
    assert '<label for="secret">Secret</label>' in page
    assert '<p class="help" id="secret_helptext">Keep it.</p>' in page
    # Read-only, not disabled: a browser lets nobody select the text of a disabled input.
    assert 'value="ABC234" readonly aria-describedby="secret_helptext">' in page
    assert "disabled" not in page
