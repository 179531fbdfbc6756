"""allauth's login and sign-up forms with the app's labels and the sign-up's one question."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.accounts.services import consultant_register
from wizard.organisations.models import Organisation
from wizard.organisations.sign_in import (
    configured_providers,
    domains_of,
    email_domain,
    sign_in_provider_for,
)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        # The page has its own "Forgot your password?" under the button; allauth's copy in the
        # help text put a second one between the label and the box.
        self.fields["password"].help_text = ""

    def clean(self):
        """People whose organisation signs them in with a provider use that, not a password."""
        cleaned = super().clean()
        user = getattr(self, "user", None)
        provider = sign_in_provider_for(user.email) if user is not None else None
        if provider is not None:
            raise forms.ValidationError(
                _("Your organisation signs you in with %(provider)s: use that button below."),
                code="sign_in_elsewhere",
                params={"provider": provider[1]},
            )
        return cleaned

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


class OrganisationSignInForm(forms.ModelForm):
    """An editor's choices of how the organisation's members sign in."""

    sign_in_provider = forms.ChoiceField(label=_("Single sign-on provider"), required=False)

    class Meta:
        model = Organisation
        fields = ["require_two_step_login", "sign_in_provider", "sign_in_domains"]
        widgets = {"sign_in_domains": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, editor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.fields["require_two_step_login"].label = _("Require two-step login for all members")
        self.fields["require_two_step_login"].help_text = _(
            "Members without it are asked to set it up before the organisation opens."
        )
        self.fields["sign_in_provider"].choices = [("", _("None")), *configured_providers()]

    def clean_sign_in_domains(self) -> str:
        """Only domains of the editor's own verified addresses, and each for one organisation:
        nobody sends another organisation's people to their provider."""
        domains = domains_of(self.cleaned_data["sign_in_domains"])
        own = {
            email_domain(address)
            for address in EmailAddress.objects.filter(user=self.editor, verified=True).values_list(
                "email", flat=True
            )
        }
        foreign = [domain for domain in domains if domain not in own]
        if foreign:
            raise forms.ValidationError(
                _("Only the domain of your own verified e-mail address: %(domains)s."),
                code="foreign_domain",
                params={"domains": ", ".join(foreign)},
            )
        others = Organisation.objects.exclude(pk=self.instance.pk).exclude(sign_in_domains="")
        for text in others.values_list("sign_in_domains", flat=True):
            taken = sorted(set(domains) & set(domains_of(text)))
            if taken:
                raise forms.ValidationError(
                    _("Another organisation signs in with %(domains)s already."),
                    code="domain_taken",
                    params={"domains": ", ".join(taken)},
                )
        return "\n".join(domains)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sign_in_domains") and not cleaned.get("sign_in_provider"):
            self.add_error("sign_in_provider", _("Choose the provider these domains use."))
        return cleaned


class AccountDeleteForm(forms.Form):
    """Deleting one's account: confirmed with the password (when the account has one)."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput, required=False
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account cannot be restored."), required=True
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
