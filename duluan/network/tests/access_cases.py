"""The network app's rows of the access matrix (see duluan/core/tests/matrix.py).

The world's objects belong to ``cs_a1``: a collaborator whose account is the
matrix's ``collaborator@same`` (so "a collaborator sees their own record" is
proved), their evaluation, a class running today, a briefing, a dialogue with
a petition, an article and a declaration by ``officer@same``.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from duluan.core.tests.matrix import Actor, Case, World, anyone, holds, reaches
from duluan.org.choices import ROLE_PERMS, Role
from duluan.org.services import user_create

from ..permissions import MANAGE, SIGN, VIEW
from ..services.activity import evaluation_prefill
from ..services.meetings import briefing_create, training_create
from ..services.outreach import PageIn, article_create, declaration_submit
from ..services.petitions import dialogue_create, petition_add
from ..services.roster import Appointment, member_create

DECLARED = "facebook.com/ma-tran-khai-bao-rieng"


def build(world: World) -> None:
    unit = world.unit
    officer = world.users[(Role.OFFICER, "same")]
    member = member_create(
        actor=officer,
        unit_id=unit.pk,
        kind="ctv",
        full_name="Cộng Tác Viên Ma Trận",
        user=world.users[(Role.COLLABORATOR, "same")],
        appointment=Appointment(on=date(2020, 1, 1), decision_no="1/QĐ"),
    )
    # A quiet collaborator (an account that never reports) for the inactive list.
    quiet = member_create(
        actor=officer,
        unit_id=unit.pk,
        kind="ctv",
        full_name="Cộng Tác Viên Im Lặng",
        user=user_create(username="matrix_quiet_ctv", password=None, full_name="Im Lặng"),
        appointment=Appointment(on=date(2020, 1, 1)),
    )
    today = timezone.localdate()
    training = training_create(actor=officer, unit_id=unit.pk, title="Lớp ma trận", starts_on=today)
    briefing = briefing_create(
        actor=officer,
        unit_id=unit.pk,
        kind="ctv_thang",
        title="Giao ban ma trận",
        held_at=timezone.now() - timedelta(hours=1),
    )
    dialogue = dialogue_create(
        actor=officer, unit_id=unit.pk, kind="doi_thoai", held_on=today - timedelta(days=3)
    )
    petition = petition_add(
        actor=officer, dialogue_id=dialogue.pk, content="Kiến nghị ma trận", answerer="Giám đốc"
    )
    article = article_create(
        actor=officer,
        unit_id=unit.pk,
        kind="bai_viet",
        platform="fanpage",
        title="Bài ma trận",
        published_on=today,
    )
    declaration = declaration_submit(
        actor=officer, unit_id=unit.pk, pages=[PageIn("facebook", DECLARED)]
    )
    evaluation = evaluation_prefill(actor=officer, member_id=member.pk, year=today.year)
    world.extra.update(
        member=member,
        quiet=quiet,
        training=training,
        briefing=briefing,
        dialogue=dialogue,
        petition=petition,
        article=article,
        declaration=declaration,
        evaluation=evaluation,
    )


def staff(role: str, relation: str) -> bool:
    """Staff data: the person themself, or MANAGE on a subtree holding their unit."""
    return reaches(MANAGE)(role, relation) or (role, relation) == (Role.COLLABORATOR, "same")


def own_officer(role: str, relation: str) -> bool:
    """Inactive lists and declarations: officers of the unit itself only."""
    return MANAGE in ROLE_PERMS[role] and relation == "same"


def signer(role: str, relation: str) -> bool:
    return SIGN in ROLE_PERMS[role] and reaches(MANAGE)(role, relation)


def manager_not_signer(role: str, relation: str) -> bool:
    return reaches(MANAGE)(role, relation) and SIGN not in ROLE_PERMS[role]


def x(world: World, key: str) -> Any:
    return world.extra[key]


def linked(key: str, url_name: str) -> Any:
    return lambda w, text: f'href="{reverse(url_name, args=[x(w, key).pk])}' in text


def item(key: str) -> Any:
    return lambda w, text: x(w, key).pk in [i["id"] for i in json.loads(text)["items"]]


def listed(key: str, path: tuple[str, ...] = ("id",)) -> Any:
    def present(w: World, text: str) -> bool:
        ids = []
        for row in json.loads(text):
            for step in path:
                row = row[step]
            ids.append(row)
        return x(w, key).pk in ids

    return present


PAGES: dict[str, Case] = {
    "network:home": Case(lambda w: reverse("network:home"), holds(VIEW)),
    "network:roster": Case(
        lambda w: reverse("network:roster"),
        holds(MANAGE),
        shows=(linked("member", "network:member_detail"), reaches(MANAGE)),
    ),
    "network:member_create": Case(lambda w: reverse("network:member_create"), holds(MANAGE)),
    "network:roster_import": Case(lambda w: reverse("network:roster_import"), holds(MANAGE)),
    "network:member_detail": Case(
        lambda w: reverse("network:member_detail", args=[x(w, "member").pk]), staff
    ),
    "network:coverage": Case(
        lambda w: f"{reverse('network:coverage')}?unit={w.unit.pk}", reaches(VIEW)
    ),
    "network:inactive": Case(
        lambda w: reverse("network:inactive"),
        holds(MANAGE),
        shows=(linked("quiet", "network:member_detail"), own_officer),
    ),
    "network:evaluation_list": Case(
        lambda w: reverse("network:evaluation_list"),
        holds(MANAGE),
        shows=(linked("evaluation", "network:evaluation_detail"), reaches(MANAGE)),
    ),
    "network:evaluation_detail": Case(
        lambda w: reverse("network:evaluation_detail", args=[x(w, "evaluation").pk]), staff
    ),
    "network:training_list": Case(
        lambda w: reverse("network:training_list"),
        holds(VIEW),
        shows=(linked("training", "network:training_detail"), reaches(VIEW)),
    ),
    "network:training_create": Case(lambda w: reverse("network:training_create"), holds(MANAGE)),
    "network:training_detail": Case(
        lambda w: reverse("network:training_detail", args=[x(w, "training").pk]), reaches(VIEW)
    ),
    "network:training_qr": Case(
        lambda w: reverse("network:training_qr", args=[x(w, "training").pk]), reaches(MANAGE)
    ),
    # Holding the QR code is the proof of presence: any signed-in account may open it.
    "network:training_checkin": Case(
        lambda w: reverse(
            "network:training_checkin", args=[x(w, "training").pk, x(w, "training").checkin_token]
        ),
        anyone,
    ),
    "network:briefing_list": Case(
        lambda w: reverse("network:briefing_list"),
        holds(VIEW),
        shows=(linked("briefing", "network:briefing_detail"), reaches(VIEW)),
    ),
    "network:briefing_create": Case(lambda w: reverse("network:briefing_create"), holds(MANAGE)),
    "network:briefing_detail": Case(
        lambda w: reverse("network:briefing_detail", args=[x(w, "briefing").pk]), reaches(VIEW)
    ),
    "network:briefing_minutes": Case(
        lambda w: reverse("network:briefing_minutes", args=[x(w, "briefing").pk]), reaches(VIEW)
    ),
    "network:dialogue_list": Case(
        lambda w: reverse("network:dialogue_list"),
        holds(VIEW),
        shows=(linked("dialogue", "network:dialogue_detail"), reaches(VIEW)),
    ),
    "network:dialogue_create": Case(lambda w: reverse("network:dialogue_create"), holds(MANAGE)),
    "network:dialogue_detail": Case(
        lambda w: reverse("network:dialogue_detail", args=[x(w, "dialogue").pk]), reaches(VIEW)
    ),
    "network:obligations": Case(lambda w: reverse("network:obligations"), holds(VIEW)),
    "network:petition_list": Case(
        lambda w: reverse("network:petition_list"),
        holds(VIEW),
        shows=(lambda w, t: "Kiến nghị ma trận" in t, reaches(VIEW)),
    ),
    "network:article_list": Case(
        lambda w: reverse("network:article_list"),
        holds(VIEW),
        shows=(lambda w, t: "Bài ma trận" in t, reaches(VIEW)),
    ),
    "network:article_create": Case(lambda w: reverse("network:article_create"), holds(MANAGE)),
    "network:article_import": Case(lambda w: reverse("network:article_import"), holds(MANAGE)),
    "network:declaration_mine": Case(
        lambda w: reverse("network:declaration_mine"),
        anyone,
        shows=(lambda w, t: DECLARED in t, lambda role, rel: (role, rel) == (Role.OFFICER, "same")),
    ),
    "network:declaration_list": Case(
        lambda w: reverse("network:declaration_list"),
        holds(MANAGE),
        shows=(lambda w, t: DECLARED in t, own_officer),
    ),
}


def own_unit(world: World, actor: Actor) -> int:
    from duluan.core.tests.matrix import RELATIONS

    return world.units[RELATIONS[actor[1]]].pk if actor else world.unit.pk


def today() -> str:
    return timezone.localdate().isoformat()


def body(data: dict[str, Any]) -> Any:
    return lambda w, a: data


def unit_body(**data: Any) -> Any:
    return lambda w, a: {"unit_id": w.unit.pk, **data}


API: dict[tuple[str, str], Case] = {
    ("GET", "/api/network/members"): Case(
        lambda w: "/api/network/members?limit=200", anyone, shows=(item("member"), reaches(MANAGE))
    ),
    ("POST", "/api/network/members"): Case(
        lambda w: "/api/network/members",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {
            "unit_id": w.unit.pk,
            "kind": "ctv",
            "full_name": "Người Mới API",
            "appointment": {"on": today()},
        },
    ),
    ("GET", "/api/network/members/{member_id}"): Case(
        lambda w: f"/api/network/members/{x(w, 'member').pk}", staff
    ),
    ("POST", "/api/network/members/{member_id}/events"): Case(
        lambda w: f"/api/network/members/{x(w, 'member').pk}/events",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=body(
            {"kind": "trang_thai", "status": "tam_dung", "appointment": {"on": "2024-01-01"}}
        ),
    ),
    ("GET", "/api/network/members/{member_id}/activity"): Case(
        lambda w: f"/api/network/members/{x(w, 'member').pk}/activity", staff
    ),
    ("POST", "/api/network/members/{member_id}/commendations"): Case(
        lambda w: f"/api/network/members/{x(w, 'member').pk}/commendations",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=body(
            {
                "kind": "khen_thuong",
                "form": "Giấy khen",
                "decision_no": "9/QĐ",
                "decision_date": "2024-12-01",
            }
        ),
    ),
    ("GET", "/api/network/media-groups"): Case(lambda w: "/api/network/media-groups", anyone),
    ("POST", "/api/network/media-groups"): Case(
        lambda w: "/api/network/media-groups",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=unit_body(platform="zalo", name="Nhóm Zalo API", opened_on="2024-01-01"),
    ),
    ("POST", "/api/network/trainings/{training_id}/evaluation"): Case(
        lambda w: f"/api/network/trainings/{x(w, 'training').pk}/evaluation",
        reaches(MANAGE),
        method="POST",
        body=body({"evaluation": "Học viên đánh giá lớp bổ ích."}),
    ),
    ("GET", "/api/network/coverage"): Case(
        lambda w: f"/api/network/coverage?unit={w.unit.pk}", reaches(VIEW)
    ),
    ("GET", "/api/network/inactive"): Case(
        lambda w: "/api/network/inactive",
        anyone,
        shows=(listed("quiet", ("member", "id")), own_officer),
    ),
    ("POST", "/api/network/evaluations"): Case(
        lambda w: "/api/network/evaluations",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {"member_id": x(w, "member").pk, "year": timezone.localdate().year},
    ),
    ("GET", "/api/network/evaluations/{evaluation_id}"): Case(
        lambda w: f"/api/network/evaluations/{x(w, 'evaluation').pk}", staff
    ),
    ("POST", "/api/network/evaluations/{evaluation_id}/sign"): Case(
        lambda w: f"/api/network/evaluations/{x(w, 'evaluation').pk}/sign",
        signer,
        method="POST",
        body=body({"grade": "tot", "comment": "Tích cực"}),
        forbidden=manager_not_signer,
    ),
    ("GET", "/api/network/trainings"): Case(
        lambda w: "/api/network/trainings?limit=200",
        anyone,
        shows=(item("training"), reaches(VIEW)),
    ),
    ("POST", "/api/network/trainings"): Case(
        lambda w: "/api/network/trainings",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {"unit_id": w.unit.pk, "title": "Lớp API", "starts_on": today()},
    ),
    ("GET", "/api/network/trainings/{training_id}"): Case(
        lambda w: f"/api/network/trainings/{x(w, 'training').pk}", reaches(VIEW)
    ),
    ("POST", "/api/network/trainings/{training_id}/registrations"): Case(
        lambda w: f"/api/network/trainings/{x(w, 'training').pk}/registrations",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {"member_id": x(w, "member").pk},
    ),
    ("POST", "/api/network/trainings/{training_id}/checkin"): Case(
        lambda w: f"/api/network/trainings/{x(w, 'training').pk}/checkin",
        anyone,
        method="POST",
        body=lambda w, a: {"token": x(w, "training").checkin_token},
    ),
    ("GET", "/api/network/briefings"): Case(
        lambda w: "/api/network/briefings?limit=200",
        anyone,
        shows=(item("briefing"), reaches(VIEW)),
    ),
    ("POST", "/api/network/briefings"): Case(
        lambda w: "/api/network/briefings",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {
            "unit_id": w.unit.pk,
            "kind": "ctv_thang",
            "title": "Giao ban API",
            "held_at": timezone.now().isoformat(),
        },
    ),
    ("GET", "/api/network/briefings/{briefing_id}"): Case(
        lambda w: f"/api/network/briefings/{x(w, 'briefing').pk}", reaches(VIEW)
    ),
    ("PUT", "/api/network/briefings/{briefing_id}/attendance"): Case(
        lambda w: f"/api/network/briefings/{x(w, 'briefing').pk}/attendance",
        reaches(MANAGE),
        method="PUT",
        body=lambda w, a: {"present_member_ids": [x(w, "member").pk], "others": ["Khách"]},
    ),
    ("POST", "/api/network/briefings/{briefing_id}/opinions"): Case(
        lambda w: f"/api/network/briefings/{x(w, 'briefing').pk}/opinions",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=body({"subject": "Ý kiến tại giao ban", "text": "Công nhân hỏi về lương."}),
    ),
    ("GET", "/api/network/dialogues"): Case(
        lambda w: "/api/network/dialogues?limit=200",
        anyone,
        shows=(item("dialogue"), reaches(VIEW)),
    ),
    ("POST", "/api/network/dialogues"): Case(
        lambda w: "/api/network/dialogues",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {
            "unit_id": w.unit.pk,
            "kind": "hoi_nghi_nld",
            "held_on": today(),
            "participants": 80,
        },
    ),
    ("GET", "/api/network/dialogues/{dialogue_id}"): Case(
        lambda w: f"/api/network/dialogues/{x(w, 'dialogue').pk}", reaches(VIEW)
    ),
    ("POST", "/api/network/dialogues/{dialogue_id}/petitions"): Case(
        lambda w: f"/api/network/dialogues/{x(w, 'dialogue').pk}/petitions",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=body({"content": "Kiến nghị qua API", "answerer": "Giám đốc"}),
    ),
    ("GET", "/api/network/petitions"): Case(
        lambda w: "/api/network/petitions?limit=200",
        anyone,
        shows=(item("petition"), reaches(VIEW)),
    ),
    ("POST", "/api/network/petitions/{petition_id}/updates"): Case(
        lambda w: f"/api/network/petitions/{x(w, 'petition').pk}/updates",
        reaches(MANAGE),
        method="POST",
        body=body({"state": "khong_giai_quyet_duoc", "reason": "Ngoài thẩm quyền"}),
    ),
    ("POST", "/api/network/petitions/{petition_id}/extensions"): Case(
        lambda w: f"/api/network/petitions/{x(w, 'petition').pk}/extensions",
        reaches(MANAGE),
        method="POST",
        body=lambda w, a: {
            "new_due": (x(w, "petition").due_at + timedelta(days=30)).isoformat(),
            "reason": "Chờ ý kiến",
        },
    ),
    ("GET", "/api/network/obligations/missing"): Case(
        lambda w: f"/api/network/obligations/missing?unit={w.unit.pk}", reaches(VIEW)
    ),
    ("POST", "/api/network/obligations"): Case(
        lambda w: "/api/network/obligations",
        reaches(MANAGE),
        method="POST",
        body=unit_body(since_year=2020),
    ),
    ("GET", "/api/network/articles"): Case(
        lambda w: "/api/network/articles?limit=200", anyone, shows=(item("article"), reaches(VIEW))
    ),
    ("POST", "/api/network/articles"): Case(
        lambda w: "/api/network/articles",
        reaches(MANAGE),
        method="POST",
        ok=201,
        body=lambda w, a: {
            "unit_id": w.unit.pk,
            "kind": "bai_dang",
            "platform": "zalo",
            "title": "Bài API",
            "published_on": today(),
        },
    ),
    ("GET", "/api/network/declarations/mine"): Case(
        lambda w: "/api/network/declarations/mine",
        anyone,
        shows=(listed("declaration"), lambda role, rel: (role, rel) == (Role.OFFICER, "same")),
    ),
    # Everyone declares to their own unit.
    ("POST", "/api/network/declarations"): Case(
        lambda w: "/api/network/declarations",
        anyone,
        method="POST",
        ok=201,
        body=lambda w, a: {"unit_id": own_unit(w, a), "no_pages": True},
    ),
    ("GET", "/api/network/declarations"): Case(
        lambda w: "/api/network/declarations", anyone, shows=(listed("declaration"), own_officer)
    ),
    ("GET", "/api/network/declarations/completion"): Case(
        lambda w: f"/api/network/declarations/completion?unit={w.unit.pk}", own_officer
    ),
    ("POST", "/api/network/declarations/reminders"): Case(
        lambda w: "/api/network/declarations/reminders",
        own_officer,
        method="POST",
        body=unit_body(),
    ),
}
