"""Every model of the app, for Django's app registry and the migrations.

Each concern keeps its models in its own package; importing them here registers them with the
one `wizard` app (its migrations also refer to the field helpers by this module's name).
"""

from wizard.accounts.models import Consultant
from wizard.consent.models import ConsentDossier
from wizard.masters.models import (
    MasterPolicy,
    MasterVersion,
    PolicyOrigin,
    ProposedUpdate,
    UpdateSend,
)
from wizard.members.models import Invitation
from wizard.organisations.models import (
    POLICY_LANGUAGES,
    Logo,
    Membership,
    Organisation,
    logo_upload_to,
    validate_logo_size,
)
from wizard.policies.models import (
    POLICY_CONTENT_LOCKED,
    AuditEvent,
    Comment,
    Policy,
    Publication,
    Revision,
    one_year_from_today,
)
from wizard.questions.models import ConsultantQuestion
from wizard.review.models import ReviewReminder
from wizard.rollout.models import Acknowledgement, StaffMember
from wizard.workspace.models import PolicyTemplate

__all__ = [
    "POLICY_CONTENT_LOCKED",
    "POLICY_LANGUAGES",
    "Acknowledgement",
    "AuditEvent",
    "Comment",
    "ConsentDossier",
    "ConsultantQuestion",
    "Invitation",
    "Consultant",
    "Logo",
    "MasterPolicy",
    "MasterVersion",
    "Membership",
    "Organisation",
    "Policy",
    "PolicyOrigin",
    "PolicyTemplate",
    "Publication",
    "ProposedUpdate",
    "ReviewReminder",
    "Revision",
    "StaffMember",
    "UpdateSend",
    "logo_upload_to",
    "one_year_from_today",
    "validate_logo_size",
]
