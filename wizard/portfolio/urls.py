from django.urls import path

from wizard.portfolio import views

urlpatterns = [
    path("portfolio/", views.portfolio, name="portfolio"),
    path("portfolio.csv", views.portfolio_csv, name="portfolio_csv"),
    path("portfolio.xlsx", views.portfolio_xlsx, name="portfolio_xlsx"),
]
