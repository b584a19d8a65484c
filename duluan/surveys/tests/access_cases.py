"""The surveys rows of the access matrix (see duluan/core/tests/matrix.py)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duluan.core.tests.matrix import Case, World, anyone, holds, reaches
from duluan.org.choices import ROLE_PERMS, Perm
from duluan.surveys import services
from duluan.surveys.media import media_save

from .support import LIVING, NAMED, instance_xml, png_bytes


def build(world: World) -> None:
    owner = world.users[("officer", "same")]
    survey = services.survey_create_from_workbook(
        actor=owner, unit=world.unit, workbook=LIVING, title="Ma trận: khảo sát đời sống"
    )
    poll = services.poll_create(
        actor=owner,
        unit=world.unit,
        question="Ma trận: đồng ý không?",
        options=["Có", "Không"],
        closes_at=None,
        notify=False,
    )
    _device, token = services.device_create(actor=owner, survey=survey, unit=world.unit, name="Máy")
    version = survey.current_version
    assert version is not None
    media_save(version, {"gia.csv": b"name,label\nmot,Mot\n"})
    named = services.survey_create_from_workbook(
        actor=owner, unit=world.unit, workbook=NAMED, anonymous=False
    )
    named_version = named.current_version
    assert named_version is not None
    submitted = services.instance_submit(
        survey=named,
        unit=world.unit,
        content=instance_xml(named_version, "uuid:ma-tran", anh="anh.png"),
        source="odk",
        files={"anh.png": SimpleUploadedFile("anh.png", png_bytes())},
    )
    world.extra.update(
        survey=survey,
        poll=poll,
        odk_token=token,
        named=named,
        answer_file=submitted.response.files.get(),
    )


def _survey(world: World) -> int:
    return int(world.extra["survey"].pk)


def survey_linked(world: World, text: str) -> bool:
    return f'href="/khao-sat/{_survey(world)}/"' in text


def inside_subtree(perm: str):  # type: ignore[no-untyped-def]
    """The role grants ``perm`` at the survey's unit, above it, or below it (its subtree)."""
    return lambda role, relation: (
        perm in ROLE_PERMS[role] and relation in {"same", "parent", "child"}
    )


def _odk(world: World, tail: str) -> str:
    return f"/khao-sat/odk/{world.extra['odk_token']}/{tail}"


VIEW = reaches(Perm.REPORT_VIEW)
MANAGE = reaches(Perm.SURVEY_MANAGE)

PAGES: dict[str, Case] = {
    "surveys:list": Case(lambda w: reverse("surveys:list"), anyone, shows=(survey_linked, VIEW)),
    "surveys:import": Case(lambda w: reverse("surveys:import"), holds(Perm.SURVEY_MANAGE)),
    "surveys:sample": Case(lambda w: f"{reverse('surveys:sample')}?unit={w.unit.pk}", anyone),
    "surveys:detail": Case(lambda w: reverse("surveys:detail", args=[_survey(w)]), VIEW),
    "surveys:rates": Case(lambda w: reverse("surveys:rates", args=[_survey(w)]), VIEW),
    "surveys:results": Case(lambda w: reverse("surveys:results", args=[_survey(w)]), VIEW),
    "surveys:export": Case(lambda w: reverse("surveys:export", args=[_survey(w), "xlsx"]), VIEW),
    "surveys:xlsform": Case(lambda w: reverse("surveys:xlsform", args=[_survey(w)]), VIEW),
    "surveys:qr": Case(lambda w: reverse("surveys:qr", args=[_survey(w), w.unit.pk, "png"]), VIEW),
    "surveys:poster": Case(lambda w: reverse("surveys:poster", args=[_survey(w), w.unit.pk]), VIEW),
    "surveys:response_file": Case(
        lambda w: reverse(
            "surveys:response_file", args=[w.extra["named"].pk, w.extra["answer_file"].pk]
        ),
        VIEW,
    ),
    "surveys:device_create": Case(
        lambda w: reverse("surveys:device_create", args=[_survey(w)]), MANAGE, method="POST", ok=302
    ),
    "surveys:codes": Case(
        lambda w: reverse("surveys:codes", args=[_survey(w)]), MANAGE, method="POST", ok=302
    ),
    "surveys:close": Case(
        lambda w: reverse("surveys:close", args=[_survey(w)]), MANAGE, method="POST", ok=302
    ),
    "surveys:interview": Case(
        lambda w: reverse("surveys:interview", args=[_survey(w)]),
        inside_subtree(Perm.REPORT_SUBMIT),
    ),
    # Interviewer mode's submission: the engine's instance; an empty POST is refused (422).
    "surveys:interview_submit": Case(
        lambda w: reverse("surveys:interview_submit", args=[_survey(w)]),
        inside_subtree(Perm.REPORT_SUBMIT),
        method="POST",
        ok=422,
    ),
    "surveys:poll_create": Case(
        lambda w: reverse("surveys:poll_create"), holds(Perm.SURVEY_MANAGE)
    ),
    "surveys:poll_answer": Case(
        lambda w: reverse("surveys:poll_answer", args=[w.extra["poll"].pk]),
        inside_subtree(Perm.REPORT_SUBMIT),
    ),
    # Public: the respondent's link and the ODK Collect server URL (token in the path).
    "surveys:respond": Case(
        lambda w: reverse("surveys:respond", args=[w.extra["survey"].public_key, w.unit.pk]),
        anyone,
        public=True,
    ),
    "surveys:respond_submit": Case(
        lambda w: reverse("surveys:respond_submit", args=[w.extra["survey"].public_key, w.unit.pk]),
        anyone,
        method="POST",
        ok=422,
        public=True,
    ),
    "surveys:odk_form_list": Case(lambda w: _odk(w, "formList"), anyone, public=True),
    "surveys:odk_form": Case(lambda w: _odk(w, f"forms/{_survey(w)}.xml"), anyone, public=True),
    "surveys:odk_manifest": Case(lambda w: _odk(w, f"manifest/{_survey(w)}"), anyone, public=True),
    "surveys:odk_media": Case(
        lambda w: _odk(w, f"media/{_survey(w)}/gia.csv"), anyone, public=True
    ),
    "surveys:public_media": Case(
        lambda w: reverse("surveys:public_media", args=[w.extra["survey"].public_key, "gia.csv"]),
        anyone,
        public=True,
    ),
    "surveys:odk_submission": Case(
        lambda w: _odk(w, "submission"), anyone, method="HEAD", ok=204, public=True
    ),
}


def survey_item(world: World, text: str) -> bool:
    import json

    return _survey(world) in [item["id"] for item in json.loads(text)["items"]]


API: dict[tuple[str, str], Case] = {
    ("GET", "/api/surveys"): Case(
        lambda w: "/api/surveys?limit=200", anyone, shows=(survey_item, VIEW)
    ),
    ("GET", "/api/surveys/{survey_id}/results"): Case(
        lambda w: f"/api/surveys/{_survey(w)}/results", VIEW
    ),
}
