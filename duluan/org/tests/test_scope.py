"""The named scope helpers: a subtree filter, the fast filter narrowed to a unit, and the loaders."""

from __future__ import annotations

import pytest
from django.db.models import Q

from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError
from duluan.org import scope
from duluan.org.choices import Perm
from duluan.org.models import RoleAssignment, Unit
from duluan.org.scope import (
    access_unit_in_reach,
    in_subtree,
    scope_filter,
    subtree_q,
)

pytestmark = pytest.mark.django_db


def _codes(query: object) -> set[str]:
    return set(Unit.objects.filter(query).values_list("code", flat=True))  # type: ignore[arg-type]


def test_subtree_q_takes_units_or_paths_and_no_units_means_no_rows(org_tree: OrgTree) -> None:
    a_branch = {org_tree.upper_a.code, org_tree.cs_a1.code, org_tree.cs_a2.code}
    assert _codes(subtree_q(org_tree.upper_a, field="")) == a_branch
    assert _codes(subtree_q([org_tree.upper_a.path], field="")) == a_branch
    assert _codes(subtree_q([org_tree.cs_a1, org_tree.cs_b1], field="")) == {
        org_tree.cs_a1.code,
        org_tree.cs_b1.code,
    }
    assert _codes(subtree_q([], field="")) == set()


def test_scope_filter_within_a_unit_alone_is_its_subtree_by_ids_or_by_path(
    org_tree: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    roles = RoleAssignment.objects.all()
    expected = set(roles.filter(subtree_q(org_tree.upper_a)).values_list("unit__code", flat=True))
    assert expected == {org_tree.upper_a.code, org_tree.cs_a1.code, org_tree.cs_a2.code}
    by_ids = scope_filter(within=org_tree.upper_a)
    assert "unit_id__in" in str(by_ids)
    assert set(roles.filter(by_ids).values_list("unit__code", flat=True)) == expected
    monkeypatch.setattr(scope, "ID_LIST_LIMIT", 1)  # too many ids: the path join instead
    assert scope_filter(within=org_tree.upper_a) == subtree_q(org_tree.upper_a)
    # The whole tree (its only root): no filter at all.
    assert scope_filter(within=org_tree.province) == Q()


def test_scope_filter_needs_a_permission_or_a_unit() -> None:
    with pytest.raises(TypeError):
        scope_filter()


def test_in_subtree_reads_units_and_paths(org_tree: OrgTree) -> None:
    assert in_subtree(org_tree.cs_a1, org_tree.upper_a)
    assert in_subtree(org_tree.upper_a, org_tree.upper_a)
    assert in_subtree(org_tree.cs_a1.path, org_tree.upper_a.path)
    assert not in_subtree(org_tree.cs_b1, org_tree.upper_a)
    assert not in_subtree(org_tree.upper_a, org_tree.cs_a1)


def test_access_unit_in_reach_answers_out_of_reach_and_bad_ids_as_missing(
    org_tree: OrgTree,
) -> None:
    officer = org_tree.user("upper_a")
    assert access_unit_in_reach(officer, org_tree.cs_a1.pk, Perm.REPORT_VIEW) == org_tree.cs_a1
    for unit_id in (org_tree.cs_b1.pk, org_tree.province.pk, 2**70, "x", None):
        with pytest.raises(NotFoundError):
            access_unit_in_reach(officer, unit_id, Perm.REPORT_VIEW)
