"""The members page of an organisation and the invitation links (included at the root)."""

from django.urls import path

from wizard.members import views

urlpatterns = [
    path("organisations/<int:pk>/members/", views.member_list, name="member_list"),
    path("organisations/<int:pk>/members/role/", views.member_role, name="member_role"),
    path("organisations/<int:pk>/members/remove/", views.member_remove, name="member_remove"),
    path(
        "organisations/<int:pk>/invitations/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "organisations/<int:pk>/invitations/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
