from django.urls import path

from geo_platform.accounts import api, registration_api

app_name = "accounts"

urlpatterns = [
    path("token/new/", api.NewTokenView.as_view(), name="token-new"),
    path("register/", registration_api.RegisterView.as_view(), name="register"),
    path("register/resend/", registration_api.ResendView.as_view(), name="register-resend"),
    path("confirm/<str:uidb64>/<str:token>/", registration_api.ConfirmView.as_view(), name="confirm"),
]
