"""The DOCX layout (Nghị định 30/2020), the XLSX annex and the PDF through LibreOffice."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook
from pypdf import PdfReader

from duluan.conftest import OrgTree
from duluan.core import extensions
from duluan.core.extensions import Block, Table
from duluan.reporting.documents import document_input, render
from duluan.reporting.documents.pdf import soffice_path
from duluan.reporting.periods import Period
from duluan.reporting.synthesis import synthesis_build

from .conftest import add_reports, local

pytestmark = pytest.mark.django_db

HEADER_TEXTS = [
    "LĐLĐ TỈNH THỬ NGHIỆM",  # the superior body, shortened to fit its line
    "CÔNG ĐOÀN KHU CÔNG NGHIỆP A",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số:",
    "/BC-CĐKCNA",
    "ngày",
    "BÁO CÁO",
    "Nơi nhận:",
    "TM. BAN THƯỜNG VỤ",
]


def all_text(doc: object) -> str:
    parts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


@pytest.fixture
def docx_bytes(org_tree: OrgTree) -> bytes:
    add_reports(org_tree.cs_a1, local(2026, 10, 5), 7, kind="khieu_nai", mood="tieu_cuc")
    add_reports(org_tree.cs_a2, local(2026, 10, 6), 3)
    synthesis = synthesis_build(org_tree.upper_a, Period.parse("2026-10"))
    return render(document_input(synthesis), "docx")


def test_docx_has_the_administrative_header_and_signature(docx_bytes: bytes) -> None:
    doc = Document(BytesIO(docx_bytes))
    text = all_text(doc)
    for expected in HEADER_TEXTS:
        assert expected in text, expected
    assert "tháng 10 năm 2026" in text
    # The issuing body sits top left, the motto top right, in the first (borderless) table.
    header = doc.tables[0].rows[0].cells
    assert "CÔNG ĐOÀN KHU CÔNG NGHIỆP A" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    signature = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = signature.rows[0].cells
    assert "TM. BAN THƯỜNG VỤ" in right.text
    # The parent (to report to), the unit's own leadership and the archive.
    assert left.text.split("\n")[1:] == [
        "- Liên đoàn Lao động tỉnh Thử Nghiệm (để báo cáo);",
        "- Ban Thường vụ (để biết);",
        "- Lưu: VT, Ban Tuyên giáo.",
    ]


def test_docx_numbers_its_sections_and_uses_the_official_page(docx_bytes: bytes) -> None:
    doc = Document(BytesIO(docx_bytes))
    headings = [p.text for p in doc.paragraphs if p.text[:3] in {"I. ", "II.", "III", "IV.", "V. "}]
    # Sections with nothing to say are left out (no results, forecast or proposals
    # were written and no matter was handled): the rest keep a continuous numbering.
    assert headings == [
        "I. TÌNH HÌNH TƯ TƯỞNG, DƯ LUẬN XÃ HỘI",
        "II. NHỮNG VẤN ĐỀ NỔI CỘM",
    ]
    assert "Không có nội dung" not in all_text(doc)
    assert any(p.text.startswith("1. Tổng quan") for p in doc.paragraphs)
    section = doc.sections[0]
    sizes = {
        "width": (section.page_width, 210),
        "height": (section.page_height, 297),
        "top": (section.top_margin, 20),
        "bottom": (section.bottom_margin, 20),
        "left": (section.left_margin, 30),
        "right": (section.right_margin, 15),
    }
    for name, (length, mm) in sizes.items():
        assert length is not None and abs(length - Mm(mm)) < Mm(1), name
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14


def test_registered_sections_render_generically_and_xlsx_escapes_formulas(
    org_tree: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = extensions.REPORT_SECTIONS
    registry.entries()  # discover first, then add one as another app would

    def section(unit: object, span: object) -> Block:
        return Block(
            key="test.section",
            title="Mục của ứng dụng khác",
            figures=[extensions.Figure("test.count", "Số buổi đối thoại", 12)],
            paragraphs=["Đoạn văn của mục thử."],
            tables=[Table("Bảng thử", ["Tên", "Giá trị"], [['=HYPERLINK("x")', 3], ["@SUM", -1]])],
        )

    monkeypatch.setitem(
        registry._entries,
        "test.section",
        extensions.Registered("test.section", "Mục của ứng dụng khác", 999, section),
    )
    synthesis = synthesis_build(org_tree.province, Period.parse("2026-10"))
    assert synthesis.block("test.section").figure("test.count") == 12
    doc = Document(BytesIO(render(document_input(synthesis), "docx")))
    text = all_text(doc)
    assert "Mục của ứng dụng khác" in text and "Đoạn văn của mục thử." in text
    book = load_workbook(BytesIO(render(document_input(synthesis), "xlsx")))
    sheet = book["Bảng thử"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Tên", "Giá trị"]
    assert sheet["A2"].value == '\'=HYPERLINK("x")' and sheet["A3"].value == "'@SUM"
    assert sheet["B3"].value == -1
    figures = book["Chỉ tiêu"]
    codes = {row[1].value: row[3].value for row in figures.iter_rows(min_row=2)}
    assert codes["test.count"] == 12
    assert all(s.freeze_panes == "A2" for s in book.worksheets)


def test_a_broken_section_is_noted_not_fatal(
    org_tree: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = extensions.REPORT_SECTIONS
    registry.entries()

    def broken(unit: object, span: object) -> Block:
        raise RuntimeError("boom")

    monkeypatch.setitem(
        registry._entries, "test.broken", extensions.Registered("test.broken", "Hỏng", 999, broken)
    )
    synthesis = synthesis_build(org_tree.province, Period.parse("2026-10"))
    assert "lỗi hệ thống" in synthesis.block("test.broken").paragraphs[0]


def _pdf_text(pdf: bytes, reader: PdfReader) -> str:
    """The text in reading order: poppler's pdftotext when installed (it places glyphs
    drawn from a fallback font where they stand), else pypdf's extraction."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        done = subprocess.run(  # noqa: S603 - poppler's own command on our own bytes
            [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.skipif(
    soffice_path() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_pdf_from_libreoffice_has_the_header_texts(docx_bytes: bytes, org_tree: OrgTree) -> None:
    from duluan.reporting.documents.pdf import docx_to_pdf

    pdf = docx_to_pdf(docx_bytes)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(BytesIO(pdf))
    flat = " ".join(_pdf_text(pdf, reader).split())
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG ĐOÀN KHU CÔNG NGHIỆP A",
        "BÁO CÁO",
        "Nơi nhận:",
        "TM. BAN THƯỜNG VỤ",
    ]:
        assert expected in flat, expected
    box = reader.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297
    )
