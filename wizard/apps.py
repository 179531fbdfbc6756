from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from wizard.sqlite import unicode_like_on_sqlite


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = _("Policy Builder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(unicode_like_on_sqlite, dispatch_uid="unicode_like_on_sqlite")
