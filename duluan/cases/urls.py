from django.urls import path

from . import views, views_directions

app_name = "cases"

urlpatterns = [
    path("van-de/", views.matter_list_view, name="matter_list"),
    path("van-de/tao/", views.matter_create_view, name="matter_create"),
    path("van-de/<int:pk>/", views.matter_detail_view, name="matter_detail"),
    path("van-de/<int:pk>/chuyen-buoc/", views.matter_transition_view, name="matter_transition"),
    path("van-de/<int:pk>/xac-minh/", views.matter_verify_view, name="matter_verify"),
    path("van-de/<int:pk>/phan-anh-len/", views.matter_escalate_view, name="matter_escalate"),
    path("van-de/<int:pk>/dinh-huong/", views.matter_direct_view, name="matter_direct"),
    path("van-de/<int:pk>/dong/", views.matter_close_view, name="matter_close"),
    path("van-de/<int:pk>/diem-nong/", views.matter_hot_view, name="matter_hot"),
    path(
        "van-de/<int:pk>/bao-cao-diem-nong/",
        views.matter_hot_report_view,
        name="matter_hot_report",
    ),
    path("van-de/<int:pk>/gop-phan-anh/", views.matter_attach_view, name="matter_attach"),
    path("van-de/<int:pk>/tach/", views.matter_split_view, name="matter_split"),
    path("van-de/<int:pk>/gop-van-de/", views.matter_merge_view, name="matter_merge"),
    path(
        "phan-anh-len/<int:pk>/quyet-dinh/",
        views.escalation_decide_view,
        name="escalation_decide",
    ),
    path(
        "phan-anh-len/<int:pk>/ket-luan/",
        views.escalation_conclusion_view,
        name="escalation_conclusion",
    ),
    path(
        "phan-anh-len/<int:pk>/van-ban/",
        views.escalation_document_view,
        name="escalation_document",
    ),
    path("diem-nong/", views.hot_spot_board_view, name="hot_spots"),
    path("dinh-huong/", views_directions.direction_list_view, name="directions"),
    path(
        "dinh-huong/<int:pk>/xac-nhan/", views_directions.direction_ack_view, name="direction_ack"
    ),
    path(
        "van-de/<int:pk>/du-thao-dinh-huong/",
        views_directions.direction_draft_view,
        name="direction_draft",
    ),
    path(
        "dinh-huong/du-thao/<int:pk>/duyet/",
        views_directions.direction_approve_view,
        name="direction_approve",
    ),
    path(
        "dinh-huong/du-thao/<int:pk>/tra-lai/",
        views_directions.direction_return_view,
        name="direction_return",
    ),
    path("thong-bao/", views.notification_list_view, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read_view, name="notifications_read"),
    path("thong-bao/<int:pk>/", views.notification_open_view, name="notification_open"),
]
