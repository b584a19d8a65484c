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
    path("xac-thuc-hai-buoc/", views_2fa.verify, name="two_factor"),
    path("don-vi/", views.tree, name="org_tree"),
    path("don-vi/<int:pk>/", views.unit_detail, name="org_unit_detail"),
    path("don-vi/<int:pk>/con/", views.tree_children, name="org_tree_children"),
]
