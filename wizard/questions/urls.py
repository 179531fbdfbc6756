from django.urls import path

from wizard.questions import views

urlpatterns = [
    path("policies/<int:pk>/steps/<str:step>/ask/", views.question_ask, name="question_ask"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
]
