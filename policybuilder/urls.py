from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wizard import views
from wizard.exports import views as export_views
from wizard.organisations import views as organisation_views
from wizard.policies import views as policy_views
from wizard.policies.wizard import DONE_STEP, PolicyWizard
from wizard.review import views as review_views
from wizard.rollout import views as rollout_views
from wizard.workspace import views as workspace_views

wizard_view = PolicyWizard.as_view(url_name="wizard_step", done_step_name=DONE_STEP)

urlpatterns = [
    path("", policy_views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("session/", views.session_state, name="session_state"),
    path("session/resumed/", views.session_resumed, name="session_resumed"),
    path("", include("wizard.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("organisations/", organisation_views.organisation_list, name="organisation_list"),
    path(
        "organisations/switch/", organisation_views.organisation_switch, name="organisation_switch"
    ),
    path("organisations/new/", organisation_views.organisation_new, name="organisation_new"),
    path(
        "organisations/<int:pk>/logo/<str:digest>.png",
        organisation_views.organisation_logo,
        name="organisation_logo",
    ),
    path(
        "organisations/settings/",
        organisation_views.organisation_settings,
        name="organisation_settings",
    ),
    path("policies/new/", policy_views.policy_new, name="policy_new"),
    path("policies/<int:pk>/", policy_views.policy_resume, name="policy_resume"),
    path("policies/<int:pk>/steps/<str:step>/", wizard_view, name="wizard_step"),
    path(
        "policies/<int:pk>/steps/<str:step>/preview/",
        policy_views.policy_preview,
        name="policy_preview",
    ),
    path(
        "policies/<int:pk>/steps/<str:step>/autosave/",
        policy_views.policy_autosave,
        name="policy_autosave",
    ),
    path(
        "policies/<int:pk>/steps/<str:step>/conflict/",
        policy_views.conflict_resolve,
        name="conflict_resolve",
    ),
    path("policies/<int:pk>/review/", review_views.policy_review, name="policy_review"),
    path(
        "policies/<int:pk>/export/<str:fmt>/",
        export_views.policy_export,
        name="policy_export",
    ),
]

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
    path("policies/<int:pk>/share/", rollout_views.policy_share, name="policy_share"),
    path(
        "policies/<int:pk>/share/revoke/",
        rollout_views.policy_share_revoke,
        name="policy_share_revoke",
    ),
    path("p/<str:token>/", rollout_views.published_policy, name="published_policy"),
    path("p/<str:token>/pdf/", rollout_views.published_policy_pdf, name="published_policy_pdf"),
    path(
        "p/<str:token>/confirm/",
        rollout_views.published_acknowledge,
        name="published_acknowledge",
    ),
    path("p/<str:token>/me/<str:key>/", rollout_views.personal_policy, name="personal_policy"),
    path(
        "policies/<int:pk>/acknowledgements/",
        rollout_views.acknowledgement_register,
        name="acknowledgement_register",
    ),
    path(
        "policies/<int:pk>/acknowledgements/csv/",
        rollout_views.acknowledgement_register_csv,
        name="acknowledgement_register_csv",
    ),
    path(
        "policies/<int:pk>/acknowledgements/import/",
        rollout_views.staff_list_import,
        name="staff_list_import",
    ),
    path(
        "policies/<int:pk>/acknowledgements/send/",
        rollout_views.staff_links_send,
        name="staff_links_send",
    ),
    path(
        "policies/<int:pk>/acknowledgements/domains/",
        rollout_views.staff_domains,
        name="staff_domains",
    ),
    path(
        "policies/<int:pk>/acknowledgements/person/export/",
        rollout_views.person_export,
        name="person_export",
    ),
    path(
        "policies/<int:pk>/acknowledgements/person/erase/",
        rollout_views.person_erase,
        name="person_erase",
    ),
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

handler400 = "wizard.views.bad_request"
handler403 = "wizard.views.permission_denied"
handler404 = "wizard.views.page_not_found"
handler500 = "wizard.views.server_error"
