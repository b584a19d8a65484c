from django.urls import path

from .views import dialogues, meetings, outreach, roster

app_name = "network"

urlpatterns = [
    path("mang-luoi/", outreach.home_view, name="home"),
    path("mang-luoi/nhan-su/", roster.roster_view, name="roster"),
    path("mang-luoi/nhan-su/them/", roster.member_create_view, name="member_create"),
    path("mang-luoi/nhan-su/nhap/", roster.roster_import_view, name="roster_import"),
    path("mang-luoi/nhan-su/<int:pk>/", roster.member_detail_view, name="member_detail"),
    path("mang-luoi/bao-phu/", roster.coverage_view, name="coverage"),
    path("mang-luoi/khong-hoat-dong/", roster.inactive_view, name="inactive"),
    path("mang-luoi/danh-gia/", roster.evaluation_list_view, name="evaluation_list"),
    path("mang-luoi/danh-gia/<int:pk>/", roster.evaluation_detail_view, name="evaluation_detail"),
    path("mang-luoi/tap-huan/", meetings.training_list_view, name="training_list"),
    path("mang-luoi/tap-huan/them/", meetings.training_create_view, name="training_create"),
    path("mang-luoi/tap-huan/<int:pk>/", meetings.training_detail_view, name="training_detail"),
    path("mang-luoi/tap-huan/<int:pk>/qr.svg", meetings.training_qr_view, name="training_qr"),
    path(
        "mang-luoi/tap-huan/<int:pk>/diem-danh/<str:token>/",
        meetings.training_checkin_view,
        name="training_checkin",
    ),
    path("mang-luoi/giao-ban/", meetings.briefing_list_view, name="briefing_list"),
    path("mang-luoi/giao-ban/them/", meetings.briefing_create_view, name="briefing_create"),
    path("mang-luoi/giao-ban/<int:pk>/", meetings.briefing_detail_view, name="briefing_detail"),
    path(
        "mang-luoi/giao-ban/<int:pk>/bien-ban.docx",
        meetings.briefing_minutes_view,
        name="briefing_minutes",
    ),
    path("mang-luoi/doi-thoai/", dialogues.dialogue_list_view, name="dialogue_list"),
    path("mang-luoi/doi-thoai/them/", dialogues.dialogue_create_view, name="dialogue_create"),
    path("mang-luoi/doi-thoai/<int:pk>/", dialogues.dialogue_detail_view, name="dialogue_detail"),
    path("mang-luoi/doi-thoai/chua-to-chuc/", dialogues.obligations_view, name="obligations"),
    path("mang-luoi/kien-nghi/", dialogues.petition_list_view, name="petition_list"),
    path("mang-luoi/bai-viet/", outreach.article_list_view, name="article_list"),
    path("mang-luoi/bai-viet/them/", outreach.article_create_view, name="article_create"),
    path("mang-luoi/bai-viet/nhap/", outreach.article_import_view, name="article_import"),
    path("mang-luoi/khai-bao/", outreach.declaration_mine_view, name="declaration_mine"),
    path("mang-luoi/khai-bao/don-vi/", outreach.declaration_list_view, name="declaration_list"),
]
