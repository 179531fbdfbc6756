"""Django's password rules, explained in the app's own words ("je", B1) instead of Django's
formal Dutch ("Uw wachtwoord mag niet te veel op uw andere persoonlijke gegevens lijken")."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class NotLikeYourDetails(password_validation.UserAttributeSimilarityValidator):
    def get_help_text(self) -> str:
        return _("Not like your name or e-mail address.")


class LongEnough(password_validation.MinimumLengthValidator):
    def get_help_text(self) -> str:
        return _("At least %(count)d characters.") % {"count": self.min_length}


class NotCommon(password_validation.CommonPasswordValidator):
    def get_help_text(self) -> str:
        return _("Not a password many people use.")


class NotOnlyDigits(password_validation.NumericPasswordValidator):
    def get_help_text(self) -> str:
        return _("Not only digits.")
