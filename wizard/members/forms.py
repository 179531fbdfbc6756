"""Forms of the members page and of accepting an invitation."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import Role
from wizard.organisations.names import RESERVED_USERNAME, is_former_member_name


class InviteForm(forms.Form):
    """Invite by e-mail in a role; the roles offered are those the inviter may give."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: frozenset[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in roles
        ]


class MemberForm(forms.Form):
    """Which membership a button acts on (and, to change a role, the new role)."""

    membership = forms.IntegerField(min_value=1)
    role = forms.ChoiceField(choices=Role.choices, required=False)


class InvitationChoiceForm(forms.Form):
    invitation = forms.IntegerField(min_value=1)


class InvitationSignupForm(UserCreationForm):
    """A new account for the invited address: the person chooses a user name and password."""

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The password checks compare against the address too (UserAttributeSimilarityValidator).
        self.instance.email = email

    def clean_username(self) -> str:
        username = super().clean_username()  # None when taken (the error is already added)
        # Pages show such a name as "former member" (a deleted account).
        if username and is_former_member_name(username.lower()):
            raise ValidationError(RESERVED_USERNAME, code="reserved_username")
        return username
