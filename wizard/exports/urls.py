from django.urls import path

from wizard.exports import views

urlpatterns = [
    path("policies/<int:pk>/export/<str:fmt>/", views.policy_export, name="policy_export"),
]
