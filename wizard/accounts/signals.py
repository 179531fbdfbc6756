"""Receivers of allauth's signals (connected when wizard.accounts.models is loaded)."""

from __future__ import annotations

from allauth.account.signals import password_reset
from django.dispatch import receiver

from wizard.accounts.throttling import login_lock_lift


@receiver(password_reset, dispatch_uid="lift_login_lock_on_password_reset")
def lift_login_lock_on_password_reset(sender, request, user, **kwargs) -> None:
    """Whoever completed a reset owns the account: their lock (per name and address) ends."""
    login_lock_lift(user=user)
