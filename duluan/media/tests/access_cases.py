"""The media rows of the access matrix (see duluan/core/tests/matrix.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from duluan.core.tests.matrix import Actor, Case, World, holds, reaches
from duluan.media import services
from duluan.media.choices import SourceKind
from duluan.media.models import MediaSpike
from duluan.media.permissions import MANAGE, VIEW

SOURCE_NAME = "Ma trận: fanpage công đoàn cơ sở"


def build(world: World) -> None:
    source = services.source_create(
        actor=None, unit=world.unit, name=SOURCE_NAME, kind=SourceKind.EXPORT
    )
    spike = MediaSpike.objects.create(
        unit=world.unit,
        topic="tien_luong",
        window_end=timezone.localdate(),
        count=9,
        baseline=1,
        score=4.5,
    )
    world.extra.update(media_source=source, media_spike=spike)


def source_form(world: World, actor: Actor) -> dict[str, Any]:
    return {"unit": world.unit.pk, "name": "Ma trận: báo", "kind": "export", "poll_minutes": 30}


def source_shown(world: World, text: str) -> bool:
    return SOURCE_NAME in text


PAGES: dict[str, Case] = {
    "media:index": Case(
        lambda w: reverse("media:index"), holds(VIEW), shows=(source_shown, reaches(VIEW))
    ),
    "media:source_create": Case(
        lambda w: reverse("media:source_create"),
        holds(MANAGE),
        method="POST",
        ok=302,
        body=source_form,
    ),
    "media:upload": Case(
        lambda w: reverse("media:upload"), holds(MANAGE), method="POST", ok=302, body=source_form
    ),
    "media:source_switch_on": Case(
        lambda w: reverse("media:source_switch_on", args=[w.extra["media_source"].pk]),
        reaches(MANAGE),
        method="POST",
        ok=302,
        body=lambda w, a: {},
    ),
    "media:spike_matter": Case(
        lambda w: reverse("media:spike_matter", args=[w.extra["media_spike"].pk]),
        reaches(MANAGE),
        method="POST",
        ok=302,
        body=lambda w, a: {},
    ),
}
