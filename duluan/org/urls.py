from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_2fa
from .forms import GuardedAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(authentication_form=GuardedAuthenticationForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mat-khau/quen/",
        auth_views.PasswordResetView.as_view(
            template_name="org/password/password_reset_form.html",
            email_template_name="org/password/reset_email.txt",
            subject_template_name="org/password/reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="org/password/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "mat-khau/dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="org/password/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="org/password/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("xac-thuc-hai-buoc/", views_2fa.verify, name="two_factor"),
    path("don-vi/", views.tree, name="org_tree"),
    path("don-vi/<int:pk>/", views.unit_detail, name="org_unit_detail"),
    path("don-vi/<int:pk>/con/", views.tree_children, name="org_tree_children"),
]
