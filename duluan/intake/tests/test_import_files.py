"""Reading files: encodings, and hostile files refused in bounded memory."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import openpyxl.xml
import pytest

from duluan.core.sheets import zipguard
from duluan.core.sheets.cells import escape_formula, escape_row
from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.files import read_table
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.intake.importing.reports import reports_import
from duluan.intake.models import Report

from .test_import_support import (
    HEADER,
    csv_bytes,
    csv_text,
    handmade_xlsx,
    inline_row,
    lie_about_size,
    row,
    shared_strings,
    sheet_xml,
    xlsx_bytes,
)

VIETNAMESE = "Người lao động bức xúc vì nợ lương, thưởng Tết"


def refused(content: bytes) -> str:
    with pytest.raises(ImportRefused) as exc:
        reports_import(actor=SYSTEM_ACTOR, file_name="tep", content=content)
    assert Report.objects.count() == 0
    return exc.value.message


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("utf-16", ","),  # Python writes the BOM
        ("utf-16", "\t"),  # Excel's "Unicode text"
        ("cp1258", ";"),
        ("utf-8-sig", ";"),
    ],
)
def test_csv_in_every_accepted_encoding_imports_nfc_text(org_tree, encoding, delimiter) -> None:
    content = csv_bytes([row(subject=VIETNAMESE)], encoding=encoding, delimiter=delimiter)
    result = reports_import(actor=SYSTEM_ACTOR, file_name="a.csv", content=content)
    assert result.rows_created == 1, result.errors
    report = Report.objects.get()
    assert report.subject == VIETNAMESE
    assert unicodedata.is_normalized("NFC", report.text)


def test_cp1258_file_really_uses_combining_tone_marks() -> None:
    content = csv_bytes([row(subject=VIETNAMESE)], encoding="cp1258")
    assert b"\xcc" in content or b"\xec" in content or b"\xd2" in content  # tone marks
    table = read_table(content)
    assert table.encoding == "cp1258"


def test_utf16_big_endian_with_bom_is_read() -> None:
    content = csv_text([row()]).encode("utf-16-be")
    table = read_table(b"\xfe\xff" + content)
    assert table.rows[1][1][0] == "T01-A-1"


def test_undecodable_csv_is_refused_clearly(db) -> None:
    message = refused(b"Ma don vi,Kenh\n\x81\x8d\x8f\x90,x\n")
    assert "bảng mã" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "không phải bảng tính"),
        (b"%PDF-1.7\n" + bytes(200), "không phải bảng tính"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "(.xls)"),
        (b"Ma\x00don\x00vi" * 10, "không phải bảng tính"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_by_magic_bytes(db, content, expected) -> None:
    assert expected in refused(content)


def test_a_zip_that_is_not_xlsx_is_refused(db) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert refused(buffer.getvalue()) == zipguard.NOT_XLSX


def test_opendocument_spreadsheet_is_refused_with_advice(db) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert refused(buffer.getvalue()) == zipguard.NOT_ODS


def test_oversized_file_is_refused_before_reading(db, settings) -> None:
    settings.IMPORT_MAX_BYTES = 1000
    assert refused(csv_bytes([row()] * 20)).startswith("Tệp quá lớn; giới hạn là 0 MB")


def test_zip_bomb_is_refused_from_its_directory(db, settings) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    bomb = handmade_xlsx(sheet_xml(""), extra={"xl/media/pad.xml": bytes(30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    assert refused(bomb) == zipguard.BOMB


def test_zip_bomb_that_lies_about_its_size_is_stopped_while_inflating(db, settings) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    honest = handmade_xlsx(sheet_xml(""), extra={"xl/media/pad.xml": bytes(8 * 1024 * 1024)})
    liar = lie_about_size(honest, "xl/media/pad.xml", 1000)
    assert refused(liar) == zipguard.BOMB


def test_high_ratio_member_is_refused(db) -> None:
    # Under the total limit, but 4 MB of zeros compress far beyond any real sheet.
    bomb = handmade_xlsx(sheet_xml(""), extra={"xl/media/pad.xml": bytes(4 * 1024 * 1024)})
    assert refused(bomb) == zipguard.BOMB


def test_sparse_sheet_that_would_allocate_a_huge_range_is_refused(db) -> None:
    far_column = sheet_xml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="300"><c r="CV300" t="s"><v>0</v></c></row>'
    )
    assert refused(handmade_xlsx(far_column)) == zipguard.TOO_WIDE
    far_row = sheet_xml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="1048576"><c r="Z1048576" t="s"><v>0</v></c></row>'
    )
    assert "dòng dữ liệu" in refused(handmade_xlsx(far_row))


def test_sparse_sheet_without_cell_references_is_followed_cell_by_cell(db, settings) -> None:
    settings.IMPORT_MAX_ROWS = 50
    rows = "<row/>" * 500 + '<row><c t="s"><v>0</v></c></row>'
    assert "dòng dữ liệu" in refused(handmade_xlsx(sheet_xml(rows)))
    wide = "<row>" + '<c t="s"><v>0</v></c>' * 40 + "</row>"
    assert refused(handmade_xlsx(sheet_xml(wide))) == zipguard.TOO_WIDE


def test_styled_empty_cells_far_away_do_not_count(org_tree) -> None:
    rows = (
        inline_row(1, HEADER) + inline_row(2, row()) + '<row r="9000"><c r="AZ9000" s="1"/></row>'
    )
    result = reports_import(
        actor=SYSTEM_ACTOR, file_name="a.xlsx", content=handmade_xlsx(sheet_xml(rows))
    )
    assert result.rows_created == 1, result.errors


def test_cells_without_references_are_read_in_order(org_tree) -> None:
    rows = inline_row(1, HEADER, with_refs=False) + inline_row(2, row(), with_refs=False)
    result = reports_import(
        actor=SYSTEM_ACTOR, file_name="a.xlsx", content=handmade_xlsx(sheet_xml(rows))
    )
    assert result.rows_created == 1, result.errors


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


def test_billion_laughs_and_xxe_in_shared_strings_are_refused(db) -> None:
    strings = shared_strings("&lol3;", "&xxe;", prolog=BILLION_LAUGHS)
    sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
    assert refused(handmade_xlsx(sheet, strings)) == zipguard.DTD


def test_doctype_in_sheet_is_refused_even_in_lower_case(db) -> None:
    sheet = sheet_xml("").replace("?>", '?><!doctype x [<!entity a "b">]>', 1)
    assert refused(handmade_xlsx(sheet)) == zipguard.DTD


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_too_many_rows_are_refused_in_csv_and_xlsx(db, settings) -> None:
    settings.IMPORT_MAX_ROWS = 5
    assert "hơn 5 dòng" in refused(csv_bytes([row()] * 6))
    assert "hơn 5 dòng" in refused(xlsx_bytes([row()] * 6))
    settings.IMPORT_MAX_ROWS = 6
    result = reports_import(actor=SYSTEM_ACTOR, file_name="a", content=csv_bytes([row()] * 6))
    assert result.rows_total == 6


def test_corrupt_xlsx_is_refused(db) -> None:
    content = xlsx_bytes([row()])
    assert refused(content[: len(content) // 2]) == zipguard.CORRUPT


def test_formula_escaping_for_exports() -> None:
    assert escape_formula("=1+1") == "'=1+1"
    assert escape_formula("+84 912") == "'+84 912"
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("-x") == "'-x"
    assert escape_formula("\t=cmd") == "'\t=cmd"
    assert escape_formula(-5) == -5
    assert escape_formula("Bình thường") == "Bình thường"
    assert escape_row(["=a", 3, None]) == ["'=a", 3, None]
