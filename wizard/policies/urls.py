from django.urls import path

from wizard.policies import views
from wizard.policies.wizard import DONE_STEP, PolicyWizard

wizard_view = PolicyWizard.as_view(url_name="wizard_step", done_step_name=DONE_STEP)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("intro/hide/", views.dashboard_intro_dismiss, name="dashboard_intro_dismiss"),
    path("policies/new/", views.policy_new, name="policy_new"),
    path("policies/<int:pk>/", views.policy_resume, name="policy_resume"),
    path("policies/<int:pk>/steps/<str:step>/", wizard_view, name="wizard_step"),
    path(
        "policies/<int:pk>/steps/<str:step>/preview/",
        views.policy_preview,
        name="policy_preview",
    ),
    path(
        "policies/<int:pk>/steps/<str:step>/autosave/",
        views.policy_autosave,
        name="policy_autosave",
    ),
    path(
        "policies/<int:pk>/steps/<str:step>/conflict/",
        views.conflict_resolve,
        name="conflict_resolve",
    ),
]
