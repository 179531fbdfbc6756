from django.urls import path

from wizard.library import views

urlpatterns = [
    path("policies/<int:pk>/clause-updates/", views.clause_updates, name="clause_updates"),
    path(
        "policies/<int:pk>/clause-updates/accept/",
        views.clause_updates_accept,
        name="clause_updates_accept",
    ),
    path(
        "policies/<int:pk>/clause-updates/decline/",
        views.clause_updates_decline,
        name="clause_updates_decline",
    ),
]
