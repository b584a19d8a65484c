from django.urls import path

from . import openrosa, views, views_public
from .errors import handled

app_name = "surveys"

urlpatterns = [
    path("khao-sat/", handled(views.survey_list_view), name="list"),
    path("khao-sat/nhap/", handled(views.survey_import_view), name="import"),
    path("khao-sat/chon-mau/", handled(views.sample_plan_view), name="sample"),
    path("khao-sat/<int:pk>/", handled(views.survey_detail_view), name="detail"),
    path("khao-sat/<int:pk>/ti-le/", handled(views.survey_rates_view), name="rates"),
    path("khao-sat/<int:pk>/ket-qua/", handled(views.survey_results_view), name="results"),
    path("khao-sat/<int:pk>/xuat.<str:fmt>", handled(views.survey_export_view), name="export"),
    path("khao-sat/<int:pk>/xlsform.xlsx", handled(views.survey_xlsform_view), name="xlsform"),
    path("khao-sat/<int:pk>/qr/<int:unit_id>.<str:fmt>", handled(views.survey_qr_view), name="qr"),
    path(
        "khao-sat/<int:pk>/ap-phich/<int:unit_id>/",
        handled(views.survey_poster_view),
        name="poster",
    ),
    path("khao-sat/<int:pk>/thiet-bi/", handled(views.survey_device_view), name="device_create"),
    path("khao-sat/<int:pk>/ma-tham-gia/", handled(views.survey_codes_view), name="codes"),
    path("khao-sat/<int:pk>/dong/", handled(views.survey_close_view), name="close"),
    path("khao-sat/<int:pk>/phong-van/", handled(views_public.interview_view), name="interview"),
    path("khao-sat/tham-do/tao/", handled(views.poll_create_view), name="poll_create"),
    path("khao-sat/tham-do/<int:pk>/", handled(views.poll_answer_view), name="poll_answer"),
    # The respondent's link (no account) and the ODK Collect server URL (token in path).
    path("ks/<str:key>/<int:unit_id>/", handled(views_public.respond_view), name="respond"),
    path("khao-sat/odk/<str:token>/formList", openrosa.form_list, name="odk_form_list"),
    path("khao-sat/odk/<str:token>/forms/<int:pk>.xml", openrosa.form_download, name="odk_form"),
    path("khao-sat/odk/<str:token>/manifest/<int:pk>", openrosa.form_manifest, name="odk_manifest"),
    path("khao-sat/odk/<str:token>/submission", openrosa.submission, name="odk_submission"),
]
