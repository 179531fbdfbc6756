from django.urls import path

from wizard.organisations import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/switch/", views.organisation_switch, name="organisation_switch"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path(
        "organisations/<int:pk>/logo/<str:digest>.png",
        views.organisation_logo,
        name="organisation_logo",
    ),
    path("organisations/settings/", views.organisation_settings, name="organisation_settings"),
]
