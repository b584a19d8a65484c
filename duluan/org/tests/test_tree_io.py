"""Unit tree import and export: paths computed in bulk, updates, moves, scope."""

from __future__ import annotations

import io
from typing import Any

import pytest
import python_calamine
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from duluan.cli import main
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.org.choices import Role
from duluan.org.models import Unit, UnitLevel, unit_search_key
from duluan.org.tree_export import units_export
from duluan.org.tree_io import UNIT_COLUMNS, units_import

HEADER = [column.header for column in UNIT_COLUMNS]


def unit_file(rows: list[list[Any]], *, header: list[str] = HEADER) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đơn vị")
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unit(code: str, parent: str = "", **overrides: Any) -> list[Any]:
    values = {
        "code": code,
        "name": f"Công đoàn {code}",
        "short_name": f"CĐ {code}",
        "level": "Công đoàn cơ sở",
        "parent_code": parent,
        "area": "",
        "member_count": 10,
        "is_active": "có",
    }
    values.update(overrides)
    return [values[column.key] for column in UNIT_COLUMNS]


def sheet_rows(content: bytes) -> list[list[Any]]:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return workbook.get_sheet_by_index(0).to_python()


def assert_tree_is_sound() -> None:
    from duluan.org import tree_io

    assert all(not problems for problems in Unit.find_problems())
    for node in Unit.objects.all():
        assert (
            node.numchild
            == Unit.objects.filter(path__startswith=node.path, depth=node.depth + 1).count()
        ), node.code
        assert node.search_key == unit_search_key(node.code, node.name, node.short_name)
        if tree_io.SORTED:
            codes = [child.code for child in node.get_children()]
            assert codes == sorted(codes), node.code


def test_new_tree_with_children_before_parents(db, ordering) -> None:
    rows = [
        unit("X-1-2", "X-1"),
        unit("X-1-1", "X-1", name="@Công đoàn"),
        unit("X-2", "X", level="Công đoàn cấp trên trực tiếp cơ sở"),
        unit("X-1", "X", level="Công đoàn cấp trên trực tiếp cơ sở"),
        unit("X", "", level="LĐLĐ tỉnh", name="Liên đoàn Lao động tỉnh X"),
    ]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert result.written, result.errors
    assert (result.created, result.levels_created) == (5, 3)
    province = Unit.objects.get(code="X")
    assert province.is_root() and province.numchild == 2
    assert [child.code for child in province.get_children()] == ["X-1", "X-2"]
    assert [u.code for u in Unit.objects.get(code="X-1").get_children()] == ["X-1-1", "X-1-2"]
    assert Unit.objects.get(code="X-1-2").depth == 3
    assert Unit.objects.get(code="X-1-1").name == "@Công đoàn"
    assert province.search_key == "x lien doan lao dong tinh x cd x"
    assert_tree_is_sound()
    # treebeard keeps working on the bulk-made tree
    Unit.objects.get(code="X-1").add_child(code="X-1-0", name="a", level=UnitLevel.objects.first())
    assert_tree_is_sound()


def test_export_then_import_changes_nothing(org_tree) -> None:
    content = units_export(actor=SYSTEM_ACTOR)
    rows = sheet_rows(content)
    assert rows[0] == HEADER
    assert rows[1][:5] == [
        "T01",
        "Liên đoàn Lao động tỉnh Thử Nghiệm",
        "LĐLĐ tỉnh",
        "LĐLĐ tỉnh",
        "",
    ]
    assert [line[0] for line in rows[1:]] == [
        "T01",
        "T01-A",
        "T01-A-1",
        "T01-A-2",
        "T01-B",
        "T01-B-1",
    ]
    assert rows[3][4] == "T01-A" and rows[3][6] == 1200.0 and rows[3][7] == "có"
    before = list(Unit.objects.order_by("path").values_list("code", "path", "numchild"))
    result = units_import(actor=SYSTEM_ACTOR, content=content)
    assert result.written, result.errors
    assert (result.unchanged, result.updated, result.created, result.moved) == (6, 0, 0, 0)
    assert list(Unit.objects.order_by("path").values_list("code", "path", "numchild")) == before


def test_csv_export_round_trips_too(org_tree) -> None:
    content = units_export(actor=SYSTEM_ACTOR, fmt="csv")
    assert content.startswith(b"\xef\xbb\xbf")
    assert units_import(actor=SYSTEM_ACTOR, content=content).unchanged == 6


def test_formula_looking_cells_are_escaped_on_export_and_restored_on_import(org_tree) -> None:
    org_tree.cs_a1.name = '=HYPERLINK("http://x.example","bấm")'
    org_tree.cs_a1.short_name = "+84 CĐ"
    org_tree.cs_a1.area = "@khu A"
    org_tree.cs_a1.save()
    content = units_export(actor=SYSTEM_ACTOR)
    line = next(row for row in sheet_rows(content) if row[0] == "T01-A-1")
    assert line[1] == '\'=HYPERLINK("http://x.example","bấm")'
    assert (line[2], line[5]) == ("'+84 CĐ", "'@khu A")
    csv_text = units_export(actor=SYSTEM_ACTOR, fmt="csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text
    assert units_import(actor=SYSTEM_ACTOR, content=content).unchanged == 6
    assert Unit.objects.get(code="T01-A-1").name.startswith("=HYPERLINK")


def test_reimport_updates_fields_by_code(org_tree) -> None:
    rows = [
        unit(
            "T01-A-1",
            "T01-A",
            name="Công đoàn cơ sở Công ty May Sông Xanh (mới)",
            short_name="CĐCS May SX",
            level="Công đoàn doanh nghiệp",
            area="KCN A",
            member_count=1300,
            is_active="không",
        )
    ]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert (result.updated, result.moved, result.levels_created) == (1, 0, 1)
    cs = Unit.objects.get(code="T01-A-1")
    assert (cs.short_name, cs.area, cs.member_count, cs.is_active) == (
        "CĐCS May SX",
        "KCN A",
        1300,
        False,
    )
    assert cs.level.name == "Công đoàn doanh nghiệp"
    assert cs.path == org_tree.cs_a1.path
    assert "may sx" in cs.search_key


def test_columns_left_out_keep_their_values(org_tree) -> None:
    header = ["Mã", "Tên đầy đủ", "Cấp", "Mã đơn vị cha"]
    content = unit_file([["T01-A-1", "Tên mới", "Công đoàn cơ sở", "T01-A"]], header=header)
    assert units_import(actor=SYSTEM_ACTOR, content=content).updated == 1
    cs = Unit.objects.get(code="T01-A-1")
    assert (cs.name, cs.member_count, cs.short_name) == ("Tên mới", 1200, "CĐCS May Sông Xanh")


def test_changed_parent_moves_the_unit_with_its_subtree(org_tree, ordering) -> None:
    rows = [unit("T01-A-1-X", "T01-A-1"), unit("T01-A-1", "T01-B", name="Chuyển")]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert (result.moved, result.created) == (1, 1), result.errors
    moved = Unit.objects.get(code="T01-A-1")
    assert moved.get_parent().code == "T01-B"
    assert Unit.objects.get(code="T01-A-1-X").get_parent() == moved
    assert Unit.objects.get(code="T01-A").numchild == 1
    assert_tree_is_sound()


def test_swapping_parent_and_child_in_one_file_is_ordered_safely(org_tree, ordering) -> None:
    rows = [unit("T01-A", "T01-A-1"), unit("T01-A-1", "T01")]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert result.moved == 2, result.errors
    assert Unit.objects.get(code="T01-A").get_parent().code == "T01-A-1"
    assert_tree_is_sound()


@pytest.fixture(params=[True, False], ids=["sorted-siblings", "appended-siblings"])
def ordering(request, monkeypatch) -> bool:
    """Run under both tree rules: siblings kept in code order (node_order_by) or not."""
    from duluan.org import tree_io

    monkeypatch.setattr(Unit, "node_order_by", ["code"] if request.param else [])
    monkeypatch.setattr(tree_io, "SORTED", request.param)
    return bool(request.param)


def test_new_units_under_an_existing_parent_follow_the_tree_ordering(org_tree, ordering) -> None:
    rows = [unit("T01-A-0", "T01-A"), unit("T01-A-0-1", "T01-A-0"), unit("T01-A-3", "T01-A")]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert result.created == 3, result.errors
    children = [child.code for child in Unit.objects.get(code="T01-A").get_children()]
    if ordering:  # treebeard keeps siblings in code order
        assert children == ["T01-A-0", "T01-A-1", "T01-A-2", "T01-A-3"]
    else:  # appended, existing paths untouched
        assert children == ["T01-A-1", "T01-A-2", "T01-A-0", "T01-A-3"]
        assert Unit.objects.get(code="T01-A-1").path == org_tree.cs_a1.path
    assert Unit.objects.get(code="T01-A-0-1").get_parent().code == "T01-A-0"
    assert_tree_is_sound()


def test_cycles_unknown_parents_and_repeated_codes_are_row_errors(org_tree) -> None:
    rows = [
        unit("N-1", "N-2"),
        unit("N-2", "N-1"),
        unit("N-3", "KHONG-CO"),
        unit("N-4", "T01"),
        unit("N-4", "T01"),
        unit("T01", "T01-A-1"),  # the province under its own grandchild
        unit("N-5", "T01", member_count="nhiều"),
        unit("N-6", "T01", name=""),
    ]
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert not result.written
    messages = [str(error) for error in result.errors]
    assert "Dòng 2, cột «Mã đơn vị cha»: tạo thành vòng lặp: N-1 → N-2 → N-1" in messages
    assert any(m.startswith("Dòng 3, cột «Mã đơn vị cha»: tạo thành vòng lặp") for m in messages)
    assert "Dòng 4, cột «Mã đơn vị cha»: không tìm thấy đơn vị cha có mã «KHONG-CO»" in messages
    assert "Dòng 6, cột «Mã»: mã «N-4» đã có ở dòng 5" in messages
    assert any(
        m.startswith("Dòng 7, cột «Mã đơn vị cha»: tạo thành vòng lặp: T01 →") for m in messages
    )
    assert "Dòng 8, cột «Số đoàn viên»: giá trị «nhiều» không phải số nguyên" in messages
    assert "Dòng 9, cột «Tên đầy đủ»: bắt buộc, không được để trống" in messages
    assert Unit.objects.count() == 6


def test_missing_parent_column_refuses_the_file(org_tree) -> None:
    from duluan.core.sheets.errors import ImportRefused

    with pytest.raises(ImportRefused, match="Mã đơn vị cha"):
        units_import(
            actor=SYSTEM_ACTOR,
            content=unit_file([["T01", "x", "y"]], header=["Mã", "Tên đầy đủ", "Cấp"]),
        )


def test_scoped_admin_works_only_inside_their_subtree(org_tree) -> None:
    admin = org_tree.user("upper_a", Role.ADMIN)
    ok = units_import(
        actor=admin,
        content=unit_file([unit("T01-A-9", "T01-A"), unit("T01-A-1", "T01-A", name="Đổi")]),
    )
    assert (ok.created, ok.updated) == (1, 1), ok.errors
    rows = [
        unit("T01-B-9", "T01-B"),
        unit("T01-B-1", "T01-B", name="Không được"),
        unit("GOC", ""),
        unit("T01-A-2", "T01-B"),
    ]
    result = units_import(actor=admin, content=unit_file(rows))
    messages = [str(error) for error in result.errors]
    assert messages == [
        "Dòng 2, cột «Mã đơn vị cha»: không tìm thấy đơn vị cha có mã «T01-B»",
        "Dòng 3, cột «Mã»: mã «T01-B-1» đã được dùng cho một đơn vị ngoài phạm vi bạn quản lý",
        "Dòng 4, cột «Mã đơn vị cha»: chỉ quản trị hệ thống mới tạo được đơn vị gốc; "
        "hãy ghi mã đơn vị cha",
        "Dòng 5, cột «Mã đơn vị cha»: không tìm thấy đơn vị cha có mã «T01-B»",
    ]
    assert not Unit.objects.filter(code="T01-B-9").exists()


def test_scoped_export_and_reimport_of_own_subtree(org_tree) -> None:
    admin = org_tree.user("upper_a", Role.ADMIN)
    content = units_export(actor=admin)
    rows = sheet_rows(content)[1:]
    assert [(line[0], line[4]) for line in rows] == [
        ("T01-A", "T01"),
        ("T01-A-1", "T01-A"),
        ("T01-A-2", "T01-A"),
    ]
    assert units_import(actor=admin, content=content).unchanged == 3


def test_many_units_in_bulk_make_a_sound_tree(db) -> None:
    rows = [unit("P", "", level="Tỉnh")]
    for upper in range(12):
        rows.append(unit(f"P-{upper:02}", "P", level="Cấp trên"))
        rows.extend(unit(f"P-{upper:02}-{cs:03}", f"P-{upper:02}") for cs in range(40))
    rows.reverse()
    result = units_import(actor=SYSTEM_ACTOR, content=unit_file(rows))
    assert result.created == 1 + 12 + 480
    assert Unit.objects.get(code="P-11").numchild == 40
    assert Unit.objects.get(code="P-03-039").path == "0001" + "0004" + "0014"  # base 36
    assert_tree_is_sound()


def test_commands_export_and_import_with_exit_codes(org_tree, tmp_path, capsys) -> None:
    target = tmp_path / "cay.xlsx"
    call_command("export_units", str(target), stdout=io.StringIO())
    assert sheet_rows(target.read_bytes())[1][0] == "T01"
    out = io.StringIO()
    call_command("import_units", str(target), stdout=out, stderr=io.StringIO())
    assert "giữ nguyên 6" in out.getvalue()
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(unit_file([unit("M", "KHONG-CO")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không ghi gì"):
        call_command("import_units", str(bad), stdout=io.StringIO(), stderr=err)
    assert "không tìm thấy đơn vị cha có mã «KHONG-CO»" in err.getvalue()
    with pytest.raises(CommandError, match=r"\.xlsx hoặc \.csv"):
        call_command("export_units", str(tmp_path / "cay.ods"))
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    with pytest.raises(CommandError):
        call_command("import_units", str(target), "--user", collaborator.username)
    main(["duluan", "export-units", str(tmp_path / "b.csv")])
    assert "Đã xuất cây đơn vị" in capsys.readouterr().out
