from django.urls import path

from wizard.workspace import views

urlpatterns = [
    path("workspace/", views.workspace, name="workspace"),
    path("policies/<int:pk>/copy/", views.policy_copy, name="policy_copy"),
    path("policies/<int:pk>/save-as-template/", views.template_save, name="template_save"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/use/", views.template_use, name="template_use"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]
