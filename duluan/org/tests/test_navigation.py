"""The navigation by role: grouped by task, only what the account can open, the
current page marked; and each role's first screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from duluan.conftest import OrgTree
from duluan.core.extensions import HOME, NAV, NAV_SECTIONS, HomeEntry, NavSection
from duluan.org.choices import Perm, Role
from duluan.org.context_processors import _shown, nav_for
from duluan.org.scope import held_roles
from duluan.org.views import home_entry_for


def _sections(user: object, path: str = "/") -> dict[str, list[str]]:
    groups, _account = nav_for(user, path)
    return {g.title: [link.label for link in g.links] for g in groups}


def test_every_registered_entry_has_a_known_section() -> None:
    assert NAV, "apps register their links in AppConfig.ready"
    assert {e.section for e in NAV} <= {*NAV_SECTIONS, NavSection.ACCOUNT}
    labels = {e.label: e.section for e in NAV}
    assert labels["Gửi phản ánh"] == NavSection.INTAKE
    assert labels["Vấn đề"] == NavSection.HANDLING
    assert labels["Báo cáo định kỳ"] == NavSection.REPORTS
    assert labels["Khảo sát"] == NavSection.SURVEYS
    tree = {e.section for e in NAV if e.label == "Cây tổ chức"}
    assert tree == {NavSection.NETWORK, NavSection.ADMIN}  # the admin's in Quản trị
    assert labels["Quản trị hệ thống"] == NavSection.ADMIN
    assert labels["Thông báo"] == NavSection.ACCOUNT


def _labels(user: object) -> list[str]:
    return [label for labels in _sections(user).values() for label in labels]


LEADER = [
    "Gửi phản ánh",
    "Vấn đề",
    "Điểm nóng",
    "Định hướng",
    "Vấn đề nổi lên",
    "Tóm tắt tình hình",
    "Bảng điều khiển",
    "Báo cáo định kỳ",
    "Tiến độ báo cáo",
    "Báo chí, mạng xã hội",
    "Khảo sát",
    "Mạng lưới",
    "Cây tổ chức",
    "Khai báo trang cá nhân",
]
OFFICER = [
    "Gửi phản ánh",
    "Phản ánh đơn vị",
    "Tin nhắn qua kênh",
    "Nhập bảng tính",
    "Vấn đề",
    "Điểm nóng",
    "Định hướng",
    "Vấn đề nổi lên",
    "Gán nhãn",
    "Báo cáo định kỳ",
    "Tiến độ báo cáo",
    "Báo chí, mạng xã hội",
    "Khảo sát",
    "Mạng lưới",
    "Cây tổ chức",
    "Khai báo trang cá nhân",
]
ANALYST = [
    "Phản ánh đơn vị",
    "Vấn đề nổi lên",
    "Gán nhãn",
    "Tóm tắt tình hình",
    "Bảng điều khiển",
    "Báo cáo định kỳ",
    "Báo chí, mạng xã hội",
    "Khảo sát",
    "Khai báo trang cá nhân",
    "Cây tổ chức",
    "Mô hình phân tích",
]


def test_each_role_sees_only_what_it_uses(org_tree: OrgTree) -> None:
    collaborator = _sections(org_tree.user("cs_a1", Role.COLLABORATOR))
    assert list(collaborator) == [NavSection.INTAKE, NavSection.NETWORK]
    assert collaborator[NavSection.INTAKE] == ["Gửi phản ánh", "Phản ánh của tôi"]
    assert _sections(org_tree.user("cs_a1", Role.REPORTER)) == collaborator
    assert sorted(_labels(org_tree.user("province", Role.LEADER))) == sorted(LEADER)
    officer = _sections(org_tree.user("upper_a"))
    assert list(officer) == [
        NavSection.INTAKE,
        NavSection.HANDLING,
        NavSection.REPORTS,
        NavSection.SURVEYS,
        NavSection.NETWORK,
    ]
    assert sorted(_labels(org_tree.user("upper_a"))) == sorted(OFFICER)
    assert officer[NavSection.HANDLING][:3] == ["Vấn đề", "Điểm nóng", "Định hướng"]
    assert sorted(_labels(org_tree.user("province", Role.ANALYST))) == sorted(ANALYST)


def test_following_the_childrens_reports_needs_child_units(org_tree: OrgTree) -> None:
    grassroots = _labels(org_tree.user("cs_a1"))  # a unit without child units
    assert sorted(grassroots) == sorted(set(OFFICER) - {"Tiến độ báo cáo"})
    assert "Tiến độ báo cáo" not in _labels(org_tree.user("cs_a1", Role.LEADER))
    client = Client()
    client.force_login(org_tree.user("cs_a1"))
    assert client.get("/bao-cao-dinh-ky/tien-do/").status_code == 200  # still open by its address


def test_the_admin_has_a_quan_tri_section(org_tree: OrgTree) -> None:
    admin = org_tree.user("province", Role.ADMIN)
    sections = _sections(admin)
    assert sections[NavSection.ADMIN] == ["Cây tổ chức"]
    assert sections[NavSection.REPORTS] == ["Tóm tắt tình hình", "Bảng điều khiển"]
    assert NavSection.INTAKE not in sections and NavSection.HANDLING not in sections
    admin.is_staff = True
    assert _sections(admin)[NavSection.ADMIN] == ["Cây tổ chức", "Quản trị hệ thống"]


def test_a_page_offered_in_two_sections_is_listed_once(org_tree: OrgTree) -> None:
    from duluan.org.services import role_assign

    user = org_tree.user("upper_a")
    role_assign(user=user, unit=org_tree.upper_a, role=Role.ADMIN)
    assert _labels(user).count("Cây tổ chức") == 1


def test_the_roles_cost_no_query_beyond_the_permissions(
    org_tree: OrgTree, django_assert_num_queries: Any
) -> None:
    user = org_tree.user("upper_a")
    with django_assert_num_queries(1):  # the one query of the roles, cached on the account
        held_roles(user, with_children=True)
        nav_for_labels = [e.label for e in NAV if _shown(e, user)]
    assert "Tiến độ báo cáo" in nav_for_labels


def test_the_django_admin_link_is_for_staff_only(org_tree: OrgTree) -> None:
    admin = org_tree.user("province", Role.ADMIN)
    assert "Quản trị hệ thống" not in str(_sections(admin))
    admin.is_staff = True
    assert "Quản trị hệ thống" in _sections(admin)[NavSection.ADMIN]
    officer = org_tree.user("upper_a")
    officer.is_staff = True
    assert "Quản trị hệ thống" in _sections(officer)[NavSection.ADMIN]


def test_the_current_page_is_marked(org_tree: OrgTree) -> None:
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    page = client.get("/van-de/").content.decode()
    assert re.search(r'<a href="/van-de/" aria-current="page"><span>Vấn đề</span>', page)
    assert page.count('aria-current="page"') == 1 + page.count('class="tabs"')  # + the step tab
    groups, _ = nav_for(org_tree.user("upper_a"), "/van-de/12/")
    marked = [(link.label, link.current) for g in groups for link in g.links if link.current]
    assert marked == [("Vấn đề", "true")]  # a page under it: the link above, not "page"


def test_the_top_bar_keeps_the_name_sign_out_and_notices(org_tree: OrgTree) -> None:
    client = Client()
    user = org_tree.user("cs_a1", Role.COLLABORATOR)
    client.force_login(user)
    page = client.get("/phan-anh/cua-toi/").content.decode()
    top = page[page.index('<header class="topbar">') : page.index("</header>")]
    assert user.full_name in top and "Đăng xuất" in top and 'href="/thong-bao/"' in top
    assert 'aria-controls="site-nav"' in top and 'aria-expanded="false"' in top
    assert '<nav id="site-nav" class="sidebar" aria-label="Điều hướng chính">' in page


# ── first screens ───────────────────────────────────────────────────────────
ENTRIES = [
    HomeEntry(Perm.MATTER_DIRECT, "leader.briefing", 10),
    HomeEntry(Perm.MATTER_HANDLE, "officer.day", 20),
    HomeEntry(Perm.REPORT_VIEW, "analyst.briefing", 30),
    HomeEntry(Perm.REPORT_SUBMIT, "collaborator.form", 90, unless=Perm.REPORT_VIEW),
]


@pytest.mark.parametrize(
    ("role", "view"),
    [
        (Role.LEADER, "leader.briefing"),  # a leader also handles matters: order 10 first
        (Role.OFFICER, "officer.day"),  # never the leader's briefing
        (Role.ANALYST, "analyst.briefing"),
        (Role.ADMIN, "analyst.briefing"),
        (Role.COLLABORATOR, "collaborator.form"),
        (Role.REPORTER, "collaborator.form"),
    ],
)
def test_the_lowest_order_that_applies_wins(org_tree: OrgTree, role: str, view: str) -> None:
    entry = home_entry_for(org_tree.user("upper_a", role), reversed(ENTRIES))
    assert entry is not None and entry.view == view


def test_the_apps_register_the_officer_and_collaborator_screens() -> None:
    assert HomeEntry(Perm.MATTER_HANDLE, "duluan.cases.views_home.home_view", 20) in HOME
    collaborator = next(e for e in HOME if e.view == "duluan.intake.views_home.home_view")
    assert (collaborator.perm, collaborator.order, collaborator.unless) == (
        Perm.REPORT_SUBMIT,
        90,
        Perm.REPORT_VIEW,
    )


def test_home_per_role(org_tree: OrgTree) -> None:
    client = Client()
    client.force_login(org_tree.user("cs_a1"))
    assert "<h1>Việc cần làm</h1>" in client.get("/").content.decode()
    client.force_login(org_tree.user("cs_a1", Role.ANALYST))
    analyst = client.get("/").content.decode()
    assert "<h1>Việc cần làm</h1>" not in analyst and "Phản ánh bạn gửi gần đây" not in analyst
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    assert "Phản ánh bạn gửi gần đây" in client.get("/").content.decode()
