"""Who belongs to an organisation: its members, their roles, and invitations to join.

Accounts themselves are django-allauth's; this package decides only who belongs to which
organisation in which role.
"""
