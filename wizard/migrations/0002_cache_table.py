from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The PDF cache lives in the database by default, shared by every worker and host;
    # creating its table here means `migrate` alone prepares a database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("wizard", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
