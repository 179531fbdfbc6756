from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from wizard import export_views, views
from wizard.steps import PolicyWizard

wizard_view = PolicyWizard.as_view(url_name="wizard_step", done_step_name="finish")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("organisations/switch/", views.organisation_switch, name="organisation_switch"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("policies/new/", views.policy_new, name="policy_new"),
    path("policies/<int:pk>/", views.policy_resume, name="policy_resume"),
    path("policies/<int:pk>/steps/<str:step>/", wizard_view, name="wizard_step"),
    path(
        "policies/<int:pk>/steps/<str:step>/preview/",
        views.policy_preview,
        name="policy_preview",
    ),
    path(
        "policies/<int:pk>/steps/<str:step>/conflict/",
        views.conflict_resolve,
        name="conflict_resolve",
    ),
    path("policies/<int:pk>/review/", views.policy_review, name="policy_review"),
    path(
        "policies/<int:pk>/export/<str:fmt>/",
        export_views.policy_export,
        name="policy_export",
    ),
]

if settings.DEBUG:
    # Uploaded logos in development; production serves MEDIA_ROOT from the web server.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "wizard.views.bad_request"
handler403 = "wizard.views.permission_denied"
handler404 = "wizard.views.page_not_found"
handler500 = "wizard.views.server_error"
