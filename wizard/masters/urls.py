from django.urls import path

from wizard.masters import views

urlpatterns = [
    path("masters/", views.master_list, name="master_list"),
    path("masters/<int:pk>/", views.master_detail, name="master_detail"),
    path("masters/<int:pk>/locks/", views.master_locks, name="master_locks"),
    path("masters/<int:pk>/publish/", views.master_publish, name="master_publish"),
    path("masters/<int:pk>/send/", views.master_send, name="master_send"),
    path("masters/sendings/<int:pk>/", views.master_send_progress, name="master_send_progress"),
    path("masters/<int:pk>/start/", views.master_start, name="master_start"),
    path("masters/<int:pk>/new-client/", views.master_new_client, name="master_new_client"),
    path("policies/<int:pk>/make-master/", views.master_make, name="master_make"),
    path("policies/<int:pk>/master/", views.policy_master, name="policy_master"),
    path("policies/<int:pk>/master/detach/", views.policy_detach, name="policy_detach"),
    path("updates/<int:pk>/", views.proposed_update, name="proposed_update"),
    path("updates/<int:pk>/accept/", views.update_accept, name="update_accept"),
    path("updates/<int:pk>/decline/", views.update_decline, name="update_decline"),
]
