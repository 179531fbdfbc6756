"""Logging in through allauth: by user name or e-mail address, in the app's words."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory


def test_the_login_page_has_the_labels_people_and_checks_look_for(client, db):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Username or e-mail<" in html
    assert ">Password<" in html
    assert ">Log in</button>" in html


def test_the_login_page_is_dutch_for_dutch_visitors(client, db):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Gebruikersnaam of e-mailadres" in html
    assert ">Inloggen</button>" in html


def test_the_login_page_offers_a_new_password_once(client, db):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count(reverse("account_reset_password")) == 1


def test_login_by_email_address_opens_the_dashboard(client, editor):
    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_login_by_email_ignores_the_case_of_the_address(client, editor):
    client.post(reverse("account_login"), {"login": editor.email.upper(), "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_an_unverified_address_cannot_log_in_and_gets_a_verification_mail(client, db, mailoutbox):
    user = UserFactory(verified_email=False)
    MembershipFactory(user=user)
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert mailoutbox[-1].to == [user.email]


def test_someone_without_an_organisation_starts_one_after_login(client, db):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response["Location"] == reverse("account_start")
