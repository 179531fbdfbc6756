"""allauth's login and sign-up forms with the app's labels and the sign-up's one question."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.accounts.services import consultant_register


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs.pop("placeholder", None)

    @property
    def signup_open(self) -> bool:
        """Whether the page offers sign-up (invitation-only deployments do not)."""
        return get_adapter().is_open_for_signup(self.request)


class SignupForm(allauth_forms.SignupForm):
    STARTS_AS = [
        ("organisation", _("I write the policy for my own organisation (HR)")),
        ("consultant", _("I advise clients (consultant)")),
    ]
    starts_as = forms.ChoiceField(
        label=_("How will you use Policy Builder?"),
        choices=STARTS_AS,
        initial="organisation",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["email"].label = _("E-mail address")
        self.fields["username"].label = _("Username")

    def custom_signup(self, request, user) -> None:
        if self.cleaned_data.get("starts_as") == "consultant":
            consultant_register(user=user)
