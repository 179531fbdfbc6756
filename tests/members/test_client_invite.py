"""A consultant who creates a client lands on its members page, to invite its HR manager."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import INTAKE_ANSWERS
from wizard.models import Organisation

NEW_CLIENT = {"name": "Nieuwe Klant", "policy_language": "nl", "brand_colour": "#112233"}


def create_client(client, consultant):
    client.force_login(consultant)
    return client.post(reverse("organisation_new"), {**NEW_CLIENT, **INTAKE_ANSWERS})


def test_a_new_client_opens_on_its_members_page(client, consultant):
    response = create_client(client, consultant)
    created = Organisation.objects.get(name="Nieuwe Klant")
    assert response.url == reverse("member_list", kwargs={"pk": created.pk})


def test_the_members_page_of_a_new_client_asks_for_its_hr_manager(client, consultant):
    response = create_client(client, consultant)
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Invite its HR manager as editor" in page.content.decode()
    assert page.context["form"].fields["role"].choices[0][0] == "editor"


def test_an_organisation_with_an_editor_is_not_asked_for_one(editor_client, members_url):
    page = editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Invite its HR manager" not in page.content.decode()
