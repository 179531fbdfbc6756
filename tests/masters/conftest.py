from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.masters import services
from wizard.models import Membership
from wizard.policies.document import default_content

Role = Membership.Role


@pytest.fixture
def adviser(db):
    """A consultant of their own agency (where the master's working copy lives) and of
    Voorbeeld Zorg."""
    return UserFactory(username="adviser")


@pytest.fixture
def agency(adviser):
    agency = OrganisationFactory(name="Advies & Co", contact_person="Ans Adviseur")
    MembershipFactory(user=adviser, organisation=agency, role=Role.CONSULTANT)
    return agency


@pytest.fixture
def client_organisation(adviser):
    organisation = OrganisationFactory(name="Voorbeeld Zorg B.V.", slug="voorbeeld-zorg")
    MembershipFactory(user=adviser, organisation=organisation, role=Role.CONSULTANT)
    return organisation


@pytest.fixture
def client_editor(client_organisation):
    return MembershipFactory(organisation=client_organisation, role=Role.EDITOR).user


@pytest.fixture
def working_copy(agency, adviser):
    content = default_content()
    content["conduct"]["own_text"] = "Wees vriendelijk.\nMeld fouten bij Advies & Co"
    content["audience"]["own_text"] = "Praat niet over klanten."
    return PolicyFactory(organisation=agency, content=content, created_by=adviser)


@pytest.fixture
def master(working_copy, adviser):
    return services.master_make(policy=working_copy, user=adviser, title="Zorg standaard")


@pytest.fixture
def derived(master, adviser, client_organisation):
    """A client's draft from the master, its own words in "audience" locked."""
    services.master_set_locks(
        master=master,
        user=adviser,
        locks={"audience": {"own_text": "Wettelijk verplicht"}, "conduct": {"clause:privacy": ""}},
    )
    return services.master_start_policy(
        master=master, organisation=client_organisation, user=adviser
    )


def edit_working_copy(working_copy, block_key: str, **values) -> None:
    content = dict(working_copy.content)
    content[block_key] = {**content[block_key], **values}
    working_copy.content = content
    working_copy.save(update_fields=["content"])


def edit_client(policy, block_key: str, **values) -> None:
    content = dict(policy.content)
    content[block_key] = {**content[block_key], **values}
    policy.content = content
    policy.save(update_fields=["content"])
