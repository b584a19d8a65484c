"""``duluan import-reports``: exit codes, error listing, summary, acting user."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from duluan.cli import command_name, main
from duluan.intake.models import ImportBatch, Report
from duluan.org.choices import Role

from .test_import_support import row, xlsx_bytes


def call(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_reports", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "phan-anh.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(subject="Hai", unit_code="T01-B-1")]))
    return path


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(kind="abc")]))
    return path


def test_imports_as_system_and_prints_the_summary(org_tree, good_file) -> None:
    out, _ = call(str(good_file))
    assert "Đã nhập 2 dòng, bỏ qua 0 dòng trùng, 0 dòng lỗi" in out
    assert Report.objects.count() == 2
    assert ImportBatch.objects.get().created_by is None


def test_second_run_counts_duplicates_and_succeeds(org_tree, good_file) -> None:
    call(str(good_file))
    out, _ = call(str(good_file))
    assert "Đã nhập 0 dòng, bỏ qua 2 dòng trùng, 0 dòng lỗi" in out
    assert Report.objects.count() == 2


def test_errors_are_printed_and_the_command_fails_writing_nothing(org_tree, bad_file) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Không ghi dòng nào"):
        call_command("import_reports", str(bad_file), stdout=out, stderr=err)
    assert "Dòng 3, cột «Loại»: giá trị «abc» không hợp lệ" in err.getvalue()
    assert "Đã nhập 0 dòng, bỏ qua 0 dòng trùng, 1 dòng lỗi" in out.getvalue()
    assert Report.objects.count() == 0


def test_valid_only_imports_the_rest(org_tree, bad_file) -> None:
    out, err = call(str(bad_file), "--valid-only")
    assert "Đã nhập 1 dòng, bỏ qua 0 dòng trùng, 1 dòng lỗi" in out
    assert "Dòng 3" in err
    assert Report.objects.count() == 1


def test_user_option_limits_the_scope(org_tree, good_file) -> None:
    officer = org_tree.user("upper_a")
    with pytest.raises(CommandError):
        call(str(good_file), "--user", officer.username)
    _, err = call(str(good_file), "--user", officer.username, "--valid-only")
    assert "không tìm thấy đơn vị có mã «T01-B-1»" in err
    assert ImportBatch.objects.get().created_by == officer


def test_user_without_import_permission_is_refused(org_tree, good_file) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    with pytest.raises(CommandError, match="quyền nhập phản ánh"):
        call(str(good_file), "--user", collaborator.username)
    with pytest.raises(CommandError, match="quyền nhập phản ánh"):
        call(str(good_file), "--user", "khong-ai")


def test_missing_and_hostile_files_fail_clearly(org_tree, tmp_path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call(str(tmp_path / "khong-co.xlsx"))
    old_excel = tmp_path / "cu.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(CommandError, match=r"\.xls"):
        call(str(old_excel))


def test_hyphenated_name_runs_the_command(org_tree, good_file, capsys) -> None:
    assert command_name("import-reports") == "import_reports"
    assert command_name("--help") == "--help"
    main(["duluan", "import-reports", str(good_file)])
    assert "Đã nhập 2 dòng" in capsys.readouterr().out
