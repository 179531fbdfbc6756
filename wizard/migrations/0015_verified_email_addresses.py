"""Every existing user with an e-mail address gets it as a verified primary allauth address.

Accounts made before django-allauth were created by a superuser, who vouched for the address;
with mandatory verification they would otherwise be stopped at their next login. An address
two users share goes to the first of them only (allauth keeps verified addresses unique); the
other verifies a new one at the next login.
"""

from django.conf import settings
from django.db import migrations


def verified_addresses(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    EmailAddress = apps.get_model("account", "EmailAddress")
    taken = {email.lower() for email in EmailAddress.objects.values_list("email", flat=True)}
    has_primary = set(
        EmailAddress.objects.filter(primary=True).values_list("user_id", flat=True)
    )
    new = []
    for user_id, email in User.objects.exclude(email="").order_by("pk").values_list("pk", "email"):
        address = email.strip().lower()
        if not address or address in taken:
            continue
        taken.add(address)
        new.append(
            EmailAddress(
                user_id=user_id,
                email=address,
                verified=True,
                primary=user_id not in has_primary,
            )
        )
    EmailAddress.objects.bulk_create(new, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0014_consultant"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verified_addresses, migrations.RunPython.noop)]
