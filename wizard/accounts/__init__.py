"""Accounts: django-allauth's sign-up, login, verification, two-step login, sessions and single
sign-on, fitted to the app. What is ours: where a new account goes (its organisation and role),
the two-step rule of an organisation, which provider an e-mail domain signs in with, and leaving.
"""
