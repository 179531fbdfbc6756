from django.urls import path

from wizard.review import views

# The status changes are one view, told which of workflow.TRANSITIONS to make.
urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("policies/<int:pk>/review/", views.policy_review, name="policy_review"),
    path(
        "policies/<int:pk>/submit/",
        views.policy_transition,
        {"name": "submit"},
        name="policy_submit",
    ),
    path(
        "policies/<int:pk>/request-changes/",
        views.policy_transition,
        {"name": "request_changes"},
        name="policy_request_changes",
    ),
    path(
        "policies/<int:pk>/approve/",
        views.policy_transition,
        {"name": "approve"},
        name="policy_approve",
    ),
    path(
        "policies/<int:pk>/publish/",
        views.policy_transition,
        {"name": "publish"},
        name="policy_publish",
    ),
    path(
        "policies/<int:pk>/archive/",
        views.policy_transition,
        {"name": "archive"},
        name="policy_archive",
    ),
    path("policies/<int:pk>/new-version/", views.policy_new_version, name="policy_new_version"),
    path("policies/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("policies/<int:pk>/comments/resolve/", views.comment_resolve, name="comment_resolve"),
    path("policies/<int:pk>/history/", views.policy_history, name="policy_history"),
    path("policies/<int:pk>/history/compare/", views.policy_compare, name="policy_compare"),
    path("policies/<int:pk>/history/restore/", views.revision_restore, name="revision_restore"),
    path("policies/<int:pk>/audit/", views.policy_audit, name="policy_audit"),
]
