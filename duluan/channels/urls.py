from django.urls import path

from . import views, views_corrections, views_tip

app_name = "channels"

urlpatterns = [
    path("kenh/", views.inbox_view, name="inbox"),
    path("kenh/<int:pk>/da-phan-loai/", views.classify_view, name="classify"),
    path("kenh/<int:pk>/bo-phan-loai/", views.unclassify_view, name="unclassify"),
    path("kenh/<int:pk>/dat-don-vi/", views.place_view, name="place"),
    path("kenh/webhook/<str:kind>/", views.webhook, name="webhook"),
    # The anonymous tip page and its receipt look-up (views_tip.py); corrections and the
    # officers' list of tip pages (views_corrections.py).
    path("gop-y/tra-cuu/", views_tip.tip_lookup_view, name="tip_lookup"),
    path("gop-y/<str:key>/", views_tip.tip_form_view, name="tip_form"),
    path("kenh/gop-y/", views_corrections.tip_pages_view, name="tip_pages"),
    path("kenh/gop-y/<int:pk>/qr.<str:fmt>", views_corrections.tip_qr_view, name="tip_qr"),
    path("kenh/gop-y/<int:pk>/ap-phich/", views_corrections.tip_poster_view, name="tip_poster"),
    path("van-de/<int:pk>/dinh-chinh/", views_corrections.correction_view, name="correction"),
    path(
        "dinh-huong/<int:pk>/zalo/",
        views_corrections.direction_broadcast_view,
        name="direction_broadcast",
    ),
]
