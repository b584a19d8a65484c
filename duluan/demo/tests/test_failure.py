"""A demo that fails half-way writes nothing, says so, and leaves an older demo in place."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from duluan.core.extensions import DEMO_STEPS, Registered
from duluan.demo.vocab import ROOT_CODE
from duluan.intake.models import Report
from duluan.org.models import Unit, User
from duluan.org.scope import subtree_q
from duluan.org.services import unit_create

pytestmark = pytest.mark.django_db


def _fail(ctx: Any) -> dict[str, int]:
    assert Report.objects.filter(subtree_q(ctx.root)).exists()
    raise RuntimeError("bước mẫu hỏng")


@pytest.fixture
def failing_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that runs first, after the units and reports are written, and raises."""
    step = Registered(key="a_failing_step", title="Bước hỏng", order=0, build=_fail)
    monkeypatch.setitem(DEMO_STEPS._entries, step.key, step)


def _demo(tmp_path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as failed:
        call_command(
            "demo",
            "--reports",
            "40",
            "--accounts-json",
            str(tmp_path / "accounts.json"),
            *args,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    return str(failed.value)


def test_a_failed_step_leaves_nothing(failing_step: None, tmp_path: Path) -> None:
    message = _demo(tmp_path)
    assert "Tạo dữ liệu mẫu thất bại" in message
    assert "bước mẫu hỏng" in message
    assert "Không có gì được ghi" in message
    assert not Unit.objects.exists()
    assert not Report.objects.exists()
    assert not User.objects.exists()
    assert not (tmp_path / "accounts.json").exists()


def test_a_failed_rebuild_keeps_the_old_demo(failing_step: None, tmp_path: Path) -> None:
    old = unit_create(code=ROOT_CODE, name="Tỉnh mẫu cũ", short_name="Tỉnh cũ", level="LĐLĐ tỉnh")
    _demo(tmp_path, "--force")
    assert list(Unit.objects.values_list("pk", "name")) == [(old.pk, "Tỉnh mẫu cũ")]
    assert not Report.objects.exists()
