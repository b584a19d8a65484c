from django.urls import path

from . import openrosa, views, views_public

app_name = "surveys"

urlpatterns = [
    path("khao-sat/", views.survey_list_view, name="list"),
    path("khao-sat/nhap/", views.survey_import_view, name="import"),
    path("khao-sat/chon-mau/", views.sample_plan_view, name="sample"),
    path("khao-sat/<int:pk>/", views.survey_detail_view, name="detail"),
    path("khao-sat/<int:pk>/ti-le/", views.survey_rates_view, name="rates"),
    path("khao-sat/<int:pk>/ket-qua/", views.survey_results_view, name="results"),
    path("khao-sat/<int:pk>/xuat.<str:fmt>", views.survey_export_view, name="export"),
    path("khao-sat/<int:pk>/xlsform.xlsx", views.survey_xlsform_view, name="xlsform"),
    path("khao-sat/<int:pk>/qr/<int:unit_id>.<str:fmt>", views.survey_qr_view, name="qr"),
    path(
        "khao-sat/<int:pk>/ap-phich/<int:unit_id>/",
        views.survey_poster_view,
        name="poster",
    ),
    path("khao-sat/<int:pk>/thiet-bi/", views.survey_device_view, name="device_create"),
    path("khao-sat/<int:pk>/ma-tham-gia/", views.survey_codes_view, name="codes"),
    path("khao-sat/<int:pk>/dong/", views.survey_close_view, name="close"),
    path("khao-sat/<int:pk>/phong-van/", views_public.interview_view, name="interview"),
    path(
        "khao-sat/<int:pk>/phong-van/gui/",
        views_public.interview_submit_view,
        name="interview_submit",
    ),
    path("khao-sat/tham-do/tao/", views.poll_create_view, name="poll_create"),
    path("khao-sat/tham-do/<int:pk>/", views.poll_answer_view, name="poll_answer"),
    # The respondent's link (no account) and the ODK Collect server URL (token in path).
    path("ks/<str:key>/<int:unit_id>/", views_public.respond_view, name="respond"),
    path(
        "ks/<str:key>/<int:unit_id>/gui/", views_public.respond_submit_view, name="respond_submit"
    ),
    path("khao-sat/odk/<str:token>/formList", openrosa.form_list, name="odk_form_list"),
    path("khao-sat/odk/<str:token>/forms/<int:pk>.xml", openrosa.form_download, name="odk_form"),
    path("khao-sat/odk/<str:token>/manifest/<int:pk>", openrosa.form_manifest, name="odk_manifest"),
    path(
        "khao-sat/odk/<str:token>/media/<int:pk>/<str:filename>",
        openrosa.media_download,
        name="odk_media",
    ),
    path("khao-sat/odk/<str:token>/submission", openrosa.submission, name="odk_submission"),
    # Files beside the form, for the web engine on the respondent's page.
    path("ks/<str:key>/tep/<str:filename>", views.public_media_view, name="public_media"),
    path(
        "khao-sat/<int:pk>/tep-tra-loi/<int:file_id>/",
        views.response_file_view,
        name="response_file",
    ),
]
