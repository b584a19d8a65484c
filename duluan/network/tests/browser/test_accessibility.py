"""Every network page passes axe-core (serious and critical) for an officer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.core.tests.browser.support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
)
from duluan.network.services.activity import evaluation_prefill
from duluan.network.services.meetings import training_create
from duluan.network.services.outreach import PageIn, article_create, declaration_submit
from duluan.network.services.petitions import dialogue_create, petition_add

from ..conftest import appoint
from .conftest import PageAs

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]


def test_network_pages_pass_axe(page_as: PageAs, org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    member = appoint(
        officer,
        org_tree.cs_a1,
        "Lý Thị Kiểm Tra",
        date(2023, 1, 1),
        user=org_tree.user("cs_a1", "collaborator"),
    )
    training = training_create(
        actor=officer,
        unit_id=org_tree.cs_a1.pk,
        title="Lớp kiểm tra",
        starts_on=timezone.localdate(),
    )
    dialogue = dialogue_create(
        actor=officer,
        unit_id=org_tree.cs_a1.pk,
        kind="doi_thoai",
        held_on=timezone.localdate() - timedelta(days=40),
    )
    petition_add(
        actor=officer, dialogue_id=dialogue.pk, content="Kiến nghị kiểm tra", answerer="Giám đốc"
    )
    article_create(
        actor=officer,
        unit_id=org_tree.cs_a1.pk,
        kind="bai_viet",
        platform="zalo",
        title="Bài kiểm tra",
        published_on=timezone.localdate(),
    )
    declaration_submit(
        actor=officer,
        unit_id=org_tree.cs_a1.pk,
        pages=[PageIn("facebook", "facebook.com/kiem-tra")],
    )
    evaluation = evaluation_prefill(
        actor=officer, member_id=member.pk, year=timezone.localdate().year
    )
    page = page_as(officer, axe=True)
    page.set_default_navigation_timeout(
        30_000
    )  # the server's first answer may be slow on a busy machine
    urls = [
        "/mang-luoi/",
        "/mang-luoi/nhan-su/",
        "/mang-luoi/nhan-su/them/",
        f"/mang-luoi/nhan-su/{member.pk}/",
        "/mang-luoi/nhan-su/nhap/",
        f"/mang-luoi/bao-phu/?unit={org_tree.cs_a1.pk}",
        "/mang-luoi/khong-hoat-dong/",
        "/mang-luoi/danh-gia/",
        f"/mang-luoi/danh-gia/{evaluation.pk}/",
        "/mang-luoi/tap-huan/",
        f"/mang-luoi/tap-huan/{training.pk}/",
        "/mang-luoi/doi-thoai/",
        f"/mang-luoi/doi-thoai/{dialogue.pk}/",
        "/mang-luoi/kien-nghi/?overdue=on",
        "/mang-luoi/doi-thoai/chua-to-chuc/",
        "/mang-luoi/bai-viet/",
        "/mang-luoi/khai-bao/",
        "/mang-luoi/khai-bao/don-vi/",
    ]
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(url, violations))
    assert not problems, "\n".join(problems)
