from django.urls import path

from wizard.consent import views

urlpatterns = [
    path("policies/<int:pk>/consent/", views.consent_request, name="consent_request"),
    path("policies/<int:pk>/consent/pdf/", views.consent_request_pdf, name="consent_request_pdf"),
    path(
        "policies/<int:pk>/consent/docx/", views.consent_request_docx, name="consent_request_docx"
    ),
    path(
        "policies/<int:pk>/consent/request/",
        views.consent_request_save,
        name="consent_request_save",
    ),
    path("policies/<int:pk>/consent/meeting/", views.consent_meeting, name="consent_meeting"),
    path("policies/<int:pk>/consent/decision/", views.consent_decision, name="consent_decision"),
    path(
        "policies/<int:pk>/consent/publish-anyway/",
        views.consent_publish_anyway,
        name="consent_publish_anyway",
    ),
    path("policies/<int:pk>/evidence-pack/", views.evidence_pack, name="evidence_pack"),
]
