"""django-axes with allauth's login form, whose field is `login` (a user name or an address)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from axes.utils import reset
from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """What a login attempt is counted under (AXES_USERNAME_CALLABLE): the name or address typed.

    allauth passes the typed value as `username` (and as `email` when it looks like one); the
    lockout check before the form runs sees only the POST. Case does not make a new name.
    """
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email")
    if typed is None:
        typed = getattr(request, "POST", {}).get("login", "")
    return str(typed).strip().lower()


def login_lock_lift(*, user) -> None:
    """Forget the failed logins under this user's name and addresses (their locks end).

    Locks per client address alone stay: they are about the address, not the account.
    """
    names = {user.get_username().lower()}
    if user.email:
        names.add(user.email.lower())
    names.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    for name in names:
        reset(username=name)
