"""How pages name people: a deleted account is a "former member", never its old name; and the
devices they are logged in on."""

from __future__ import annotations

from django import template

from wizard.accounts.devices import device_name
from wizard.organisations.names import former_members_in, member_name

register = template.Library()


@register.filter(name="member_name")
def member_name_filter(user) -> str:
    """`{{ policy.updated_by|member_name }}`: the user name, or "former member" ("" for None)."""
    return member_name(user) if user is not None else ""


@register.filter(name="former_members")
def former_members_filter(text: str) -> str:
    """`{{ event.detail|former_members }}`: names of deleted accounts read "former member"."""
    return former_members_in(text)


@register.filter(name="device_name")
def device_name_filter(user_agent: str) -> str:
    """`{{ session.user_agent|device_name }}`: "Firefox on Windows", or "" if unknown."""
    return device_name(user_agent or "")
