from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wizard import views

# Project-wide pages here; each concern's pages in its own urls.py.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # First: a publication day's thousands of staff visits resolve without trying every other
    # app's patterns (none of which the rollout's share a prefix with).
    path("", include("wizard.rollout.urls")),
    path("session/", views.session_state, name="session_state"),
    path("session/resumed/", views.session_resumed, name="session_resumed"),
    path("", include("wizard.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("wizard.members.urls")),
    path("admin/", admin.site.urls),
    path("", include("wizard.organisations.urls")),
    path("", include("wizard.policies.urls")),
    path("", include("wizard.review.urls")),
    path("", include("wizard.exports.urls")),
    path("", include("wizard.workspace.urls")),
    path("", include("wizard.masters.urls")),
    path("", include("wizard.portfolio.urls")),
    path("", include("wizard.consent.urls")),
    path("", include("wizard.questions.urls")),
    path("", include("wizard.library.urls")),
]

handler400 = "wizard.views.bad_request"
handler403 = "wizard.views.permission_denied"
handler404 = "wizard.views.page_not_found"
handler500 = "wizard.views.server_error"
