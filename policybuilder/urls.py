from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from wizard import export_views, review_views, views, workspace_views
from wizard.steps import PolicyWizard

wizard_view = PolicyWizard.as_view(url_name="wizard_step", done_step_name="finish")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("organisations/", views.organisation_list, name="organisation_list"),
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

# --- Issue 6: review workflow, history, audit trail, published page, consultant workspace. ---
# Views in wizard/review_views.py and wizard/workspace_views.py.
urlpatterns += [
    path("review/", review_views.review_queue, name="review_queue"),
    path("policies/<int:pk>/submit/", review_views.policy_submit, name="policy_submit"),
    path(
        "policies/<int:pk>/request-changes/",
        review_views.policy_request_changes,
        name="policy_request_changes",
    ),
    path("policies/<int:pk>/approve/", review_views.policy_approve, name="policy_approve"),
    path("policies/<int:pk>/publish/", review_views.policy_publish, name="policy_publish"),
    path("policies/<int:pk>/archive/", review_views.policy_archive, name="policy_archive"),
    path(
        "policies/<int:pk>/new-version/",
        review_views.policy_new_version,
        name="policy_new_version",
    ),
    path("policies/<int:pk>/comments/", review_views.comment_add, name="comment_add"),
    path(
        "policies/<int:pk>/comments/resolve/",
        review_views.comment_resolve,
        name="comment_resolve",
    ),
    path("policies/<int:pk>/history/", review_views.policy_history, name="policy_history"),
    path(
        "policies/<int:pk>/history/compare/",
        review_views.policy_compare,
        name="policy_compare",
    ),
    path(
        "policies/<int:pk>/history/restore/",
        review_views.revision_restore,
        name="revision_restore",
    ),
    path("policies/<int:pk>/audit/", review_views.policy_audit, name="policy_audit"),
    path("policies/<int:pk>/share/", review_views.policy_share, name="policy_share"),
    path(
        "policies/<int:pk>/share/revoke/",
        review_views.policy_share_revoke,
        name="policy_share_revoke",
    ),
    path("p/<str:token>/", review_views.published_policy, name="published_policy"),
    path("p/<str:token>/pdf/", review_views.published_policy_pdf, name="published_policy_pdf"),
    path("workspace/", workspace_views.workspace, name="workspace"),
    path("policies/<int:pk>/copy/", workspace_views.policy_copy, name="policy_copy"),
    path(
        "policies/<int:pk>/save-as-template/",
        workspace_views.template_save,
        name="template_save",
    ),
    path("templates/", workspace_views.template_list, name="template_list"),
    path("templates/<int:pk>/use/", workspace_views.template_use, name="template_use"),
    path("templates/<int:pk>/delete/", workspace_views.template_delete, name="template_delete"),
]

if settings.DEBUG:
    # Uploaded logos in development; production serves MEDIA_ROOT from the web server.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "wizard.views.bad_request"
handler403 = "wizard.views.permission_denied"
handler404 = "wizard.views.page_not_found"
handler500 = "wizard.views.server_error"
