"""Starting on your own: sign up, verify the address, then an organisation or a first client."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.accounts.conftest import link_in_last_mail
from tests.factories import INTAKE_ANSWERS, PASSWORD, UserFactory
from wizard.models import Consultant, Membership, Policy
from wizard.policies.steps import STEP_KEYS

ORGANISATION = {
    "name": "Zorggroep Noord",
    "policy_language": "nl",
    "brand_colour": "#1f5f8b",
    **INTAKE_ANSWERS,
}


def sign_up(client, *, starts_as: str, email: str = "sanne@zorggroep.example"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "username": "sanne",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "starts_as": starts_as,
        },
    )


def verify_address(client):
    link = link_in_last_mail("/accounts/confirm-email/")
    return client.post(link)


def test_signing_up_asks_to_verify_the_address_before_anything_opens(client, db, mailoutbox):
    response = sign_up(client, starts_as="organisation")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mailoutbox[-1].to == ["sanne@zorggroep.example"]


def test_a_new_hr_manager_verifies_starts_the_organisation_and_lands_on_step_one(
    client, db, mailoutbox
):
    sign_up(client, starts_as="organisation")
    verified = verify_address(client)
    assert verified["Location"] == reverse("account_start")

    page = client.get(reverse("account_start"))
    assert page.status_code == 200
    response = client.post(reverse("account_start"), ORGANISATION)

    user = get_user_model().objects.get(username="sanne")
    membership = Membership.objects.get(user=user)
    assert (membership.organisation.name, membership.role) == ("Zorggroep Noord", "editor")
    policy = Policy.objects.get(organisation=membership.organisation)
    assert response["Location"] == reverse("wizard_step", args=[policy.pk, STEP_KEYS[0]])


def test_a_new_consultant_verifies_and_creates_the_first_client(client, db, mailoutbox):
    sign_up(client, starts_as="consultant")
    verify_address(client)
    user = get_user_model().objects.get(username="sanne")
    assert Consultant.objects.filter(user=user).exists()

    page = client.get(reverse("account_start"))
    assert "Your first client" in page.content.decode() or "Je eerste klant" in (
        page.content.decode()
    )
    response = client.post(reverse("account_start"), ORGANISATION)

    membership = Membership.objects.get(user=user)
    assert membership.role == "consultant"
    assert not Policy.objects.filter(organisation=membership.organisation).exists()
    assert response["Location"] == reverse("dashboard")


def test_someone_with_an_organisation_is_sent_on_from_the_start_page(editor_client):
    assert editor_client.get(reverse("account_start"))["Location"] == reverse("dashboard")


def test_the_start_page_needs_a_login(client, db):
    assert client.get(reverse("account_start"))["Location"].startswith(reverse("account_login"))


def test_invitation_only_refuses_sign_up(client, db, settings):
    settings.ACCOUNT_SIGNUP_OPEN = False
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign-up by invitation only" in page.content.decode()
    sign_up(client, starts_as="organisation")
    assert not get_user_model().objects.filter(username="sanne").exists()


def test_invitation_only_hides_sign_up_on_the_login_page(client, db, settings):
    settings.ACCOUNT_SIGNUP_OPEN = False
    html = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in html


def test_open_sign_up_is_offered_on_the_login_page(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") in html


def test_invitation_only_starts_no_organisation_for_an_account_without_one(client, db, settings):
    settings.ACCOUNT_SIGNUP_OPEN = False
    client.force_login(UserFactory())
    response = client.post(reverse("account_start"), ORGANISATION)
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_the_password_rules_are_in_the_apps_own_words(client, db):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Minstens 12 tekens." in page
    assert "Niet alleen cijfers." in page
    assert "Uw wachtwoord" not in page


def test_the_password_rules_still_hold(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "kort@voorbeeldzorg.example",
            "username": "kort",
            "password1": "12345678901234",
            "password2": "12345678901234",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="kort").exists()
    assert "entirely numeric" in response.content.decode()
