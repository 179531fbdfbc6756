from django.urls import path

from wizard.rollout import views

urlpatterns = [
    path("policies/<int:pk>/share/", views.policy_share, name="policy_share"),
    path("policies/<int:pk>/share/revoke/", views.policy_share_revoke, name="policy_share_revoke"),
    path("p/<str:token>/", views.published_policy, name="published_policy"),
    path("p/<str:token>/pdf/", views.published_policy_pdf, name="published_policy_pdf"),
    path("p/<str:token>/confirm/", views.published_acknowledge, name="published_acknowledge"),
    path("p/<str:token>/me/<str:key>/", views.personal_policy, name="personal_policy"),
    path("p/<str:token>/confirm/<str:key>/", views.confirm_by_email, name="confirm_by_email"),
    path(
        "p/<str:token>/work-account/<str:fingerprint>/",
        views.confirm_with_work_account,
        name="confirm_with_work_account",
    ),
    path(
        "p/<str:token>/logo/<str:digest>.png",
        views.published_policy_logo,
        name="published_policy_logo",
    ),
    path("check/", views.check_copy, name="check_copy"),
    path(
        "policies/<int:pk>/acknowledgements/",
        views.acknowledgement_register,
        name="acknowledgement_register",
    ),
    path(
        "policies/<int:pk>/acknowledgements/csv/",
        views.acknowledgement_register_csv,
        name="acknowledgement_register_csv",
    ),
    path(
        "policies/<int:pk>/acknowledgements/xlsx/",
        views.acknowledgement_register_xlsx,
        name="acknowledgement_register_xlsx",
    ),
    path(
        "policies/<int:pk>/acknowledgements/qr.svg",
        views.staff_link_qr,
        name="staff_link_qr",
    ),
    path(
        "policies/<int:pk>/acknowledgements/round/",
        views.round_settings,
        name="round_settings",
    ),
    path(
        "policies/<int:pk>/acknowledgements/import/",
        views.staff_list_import,
        name="staff_list_import",
    ),
    path(
        "policies/<int:pk>/acknowledgements/send/",
        views.staff_links_send,
        name="staff_links_send",
    ),
    path(
        "policies/<int:pk>/acknowledgements/domains/",
        views.staff_domains,
        name="staff_domains",
    ),
    path(
        "policies/<int:pk>/acknowledgements/person/export/",
        views.person_export,
        name="person_export",
    ),
    path(
        "policies/<int:pk>/acknowledgements/person/erase/",
        views.person_erase,
        name="person_erase",
    ),
]
