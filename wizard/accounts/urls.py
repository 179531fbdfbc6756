from django.urls import include, path

from wizard.accounts import views

urlpatterns = [
    path("accounts/start/", views.account_start, name="account_start"),
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("accounts/data/", views.account_data_download, name="account_data_download"),
    path("accounts/delete/", views.account_delete_confirm, name="account_delete"),
    path("organisations/sign-in/", views.organisation_sign_in, name="organisation_sign_in"),
    # allauth's: login, logout, signup, e-mail, password, 2fa/, sessions/, oidc/, 3rdparty/.
    path("accounts/", include("allauth.urls")),
]
