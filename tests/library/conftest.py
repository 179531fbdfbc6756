from __future__ import annotations

import pytest

from tests.factories import PolicyFactory
from wizard.policies.document import policy_document
from wizard.policies.releases import FIRST_RELEASE

CLAUSE = "confidential:data-breach"
OLD_SENTENCE = "We moeten een datalek vaak binnen 72 uur melden."
NEW_SENTENCE = "We moeten een datalek vaak binnen 72 uur na ontdekking melden."
OWN_WORDING = "Een datalek meld je meteen bij Sanne de Vries."


@pytest.fixture
def outdated(organisation, editor):
    """A draft built on the first release, before the legal check that changed the
    data-breach clause."""
    return PolicyFactory(
        organisation=organisation,
        clause_library=FIRST_RELEASE,
        created_by=editor,
        updated_by=editor,
    )


@pytest.fixture
def reworded(outdated):
    """The same draft with its own wording of the data-breach clause."""
    outdated.clause_releases = {CLAUSE: {"wording": OWN_WORDING, "language": "nl"}}
    outdated.save(update_fields=["clause_releases"])
    return outdated


def printed(policy) -> str:
    return "\n".join(p for s in policy_document(policy).sections for p in s.paragraphs)
