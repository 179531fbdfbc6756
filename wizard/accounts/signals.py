"""Receivers of allauth's signals, connected in wizard.apps."""

from __future__ import annotations

from allauth.account.signals import password_reset

from wizard.accounts.throttling import login_lock_lift


def lift_login_lock_on_password_reset(sender, request, user, **kwargs) -> None:
    """Whoever completed a reset owns the account: their lock (per name and address) ends."""
    login_lock_lift(user=user)


def connect() -> None:
    password_reset.connect(lift_login_lock_on_password_reset, dispatch_uid="lift_login_lock")
