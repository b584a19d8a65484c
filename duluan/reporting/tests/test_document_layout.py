"""Page 1 of the monthly, quarterly and ten-year documents as LibreOffice sets them,
measured against Nghị định 30/2020/NĐ-CP (Phụ lục I): the header block's lines,
the margins, the order of header and title; then what the body must not do
(repeat itself, keep empty sections) and the font the PDF embeds."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.oxml.ns import qn

from duluan.conftest import OrgTree
from duluan.reporting.documents import document_input, render
from duluan.reporting.documents.layout import MOTTO, MOTTO_2, PAGE, header_superior
from duluan.reporting.documents.pdf import docx_to_pdf, soffice_path
from duluan.reporting.periods import Period
from duluan.reporting.synthesis import synthesis_build

from .conftest import add_reports, local

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        soffice_path() is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdffonts, pdftoppm)",
    ),
]

MM = 72 / 25.4  # PDF points per millimetre
TOLERANCE = 2.0  # mm, either side of the decree's ranges
UNIT_NAME = "Công đoàn các Khu công nghiệp tỉnh Sông Hồng"
PROVINCE_NAME = "Liên đoàn Lao động tỉnh Sông Hồng"


@dataclass(frozen=True)
class Line:
    text: str
    x0: float  # mm from the left edge
    y0: float  # mm from the top edge
    x1: float
    y1: float


def _lines(pdf: bytes, page: int = 1) -> list[Line]:
    done = subprocess.run(  # noqa: S603 - poppler on our own bytes
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    root = ElementTree.fromstring(done.stdout)  # noqa: S314 - poppler's output
    out = []
    for element in root.iter():
        if not element.tag.endswith("}line"):
            continue
        words = [w.text or "" for w in element if w.tag.endswith("}word")]
        box = [float(element.attrib[k]) / MM for k in ("xMin", "yMin", "xMax", "yMax")]
        out.append(Line(" ".join(words), *box))
    return sorted(out, key=lambda line: (round(line.y0, 1), line.x0))


def _fonts(pdf: bytes, tmp: Path) -> list[tuple[str, str]]:
    path = tmp / "fonts.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(  # noqa: S603
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    )
    rows = done.stdout.splitlines()[2:]
    return [(row.split()[0], "yes" if " yes " in f" {row} " else "no") for row in rows if row]


@pytest.fixture
def sông_hồng(org_tree: OrgTree) -> OrgTree:
    """The tree with names and areas as the demo province has them."""
    org_tree.province.name, org_tree.province.area = PROVINCE_NAME, "tỉnh Sông Hồng"
    org_tree.province.save()
    org_tree.upper_a.name, org_tree.upper_a.area = UNIT_NAME, "KCN Bắc Sông, phường An Bình"
    org_tree.upper_a.save()
    for when in (local(2026, 10, 5), local(2026, 8, 12), local(2019, 3, 2)):
        add_reports(org_tree.cs_a1, when, 7, kind="khieu_nai", mood="tieu_cuc")
        add_reports(org_tree.cs_a2, when, 5, urgency="diem_nong", place="Xưởng may 2")
        add_reports(org_tree.cs_b1, when, 6, kind="kien_nghi")
    return org_tree


CASES = {  # unit, period, the period in the title, the superior body in "Nơi nhận"
    "monthly": ("upper_a", "2026-10", "tháng 10 năm 2026", PROVINCE_NAME),
    "quarterly": ("province", "2026-Q3", "quý III năm 2026", "Tổng Liên đoàn Lao động Việt Nam"),
    "ten_years": ("province", "2016..2025", "giai đoạn 2016 - 2025", "Tổng Liên đoàn Lao động"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_page_one_follows_the_decree(sông_hồng: OrgTree, case: str, tmp_path: Path) -> None:
    unit_attr, period, label, superior = CASES[case]
    unit = getattr(sông_hồng, unit_attr)
    synthesis = synthesis_build(unit, Period.parse(period))
    docx = render(document_input(synthesis), "docx")
    pdf = docx_to_pdf(docx)
    keep = os.environ.get("DULUAN_KEEP_DOCUMENTS")
    if keep:  # for a person to look at: DULUAN_KEEP_DOCUMENTS=/tmp/docs pytest ...
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"{case}.docx").write_bytes(docx)
        (Path(keep) / f"{case}.pdf").write_bytes(pdf)
    lines = _lines(pdf)
    texts = [line.text for line in lines]

    # The Quốc hiệu and the Tiêu ngữ each on one line, in the right column.
    motto = next(line for line in lines if line.text == MOTTO)
    motto_2 = next(line for line in lines if line.text == MOTTO_2)
    assert motto.x0 > PAGE.left + 60 and motto_2.y0 > motto.y0
    # Left column: the superior body, then the issuing unit on at most two lines.
    left = [line for line in lines if line.x1 < PAGE.left + 66 and line.y0 < motto_2.y1 + 30]
    column = " ".join(line.text for line in left)
    rest = header_superior(document_input(synthesis).superior).upper()
    assert column.startswith(rest), column
    assert left[0].text == rest, "the superior body on one line"
    while rest:  # the superior body's lines, then the unit's
        assert rest.startswith(left[0].text), column
        rest = rest[len(left.pop(0).text) :].strip()
    name_lines, rest = [], unit.name.upper()
    while rest:
        assert rest.startswith(left[0].text), column
        name_lines.append(left.pop(0))
        rest = rest[len(name_lines[-1].text) :].strip()
    assert 1 <= len(name_lines) <= 2
    number = next(line for line in left if line.text.startswith("Số:"))
    assert number.y0 > name_lines[-1].y1
    # The place and date, in italics under the motto: the place without "tỉnh".
    date_line = next(line for line in lines if ", ngày " in line.text)
    assert date_line.text.startswith("Sông Hồng, ngày "), date_line.text
    assert date_line.y0 > motto_2.y1
    # The header block stands above the title; the title and its summary are centred.
    title = next(line for line in lines if line.text == "BÁO CÁO")
    assert title.y0 > max(number.y1, date_line.y1)
    middle = (PAGE.left + PAGE.width - PAGE.right) / 2
    assert abs((title.x0 + title.x1) / 2 - middle) < 3
    assert any(label in text for text in texts)

    # Margins within the decree's ranges (± 2 mm): A4, top/bottom 20-25, left 30-35, right 15-20.
    assert min(line.x0 for line in lines) >= 30 - TOLERANCE
    assert min(line.x0 for line in lines) <= 35 + TOLERANCE
    assert max(line.x1 for line in lines) <= PAGE.width - 15 + TOLERANCE
    assert max(line.x1 for line in lines) >= PAGE.width - 20 - TOLERANCE
    assert 20 - TOLERANCE <= min(line.y0 for line in lines) <= 25 + TOLERANCE
    assert max(line.y1 for line in lines) <= PAGE.height - 20 + TOLERANCE

    # The fonts the PDF embeds: Times New Roman or its metric twin, nothing else.
    fonts = _fonts(pdf, tmp_path)
    assert fonts, "no font found"
    for name, embedded in fonts:
        assert re.search(r"LiberationSerif|TimesNewRoman", name), name
        assert embedded == "yes", name

    # Page 1 as an image (what the README shows).
    png = tmp_path / "page"
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-", str(png)],  # noqa: S607
        input=pdf,
        check=True,
    )
    image = next(tmp_path.glob("page*.png")).read_bytes()
    width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    assert abs(width - PAGE.width / 25.4 * 50) <= 1 and abs(height - PAGE.height / 25.4 * 50) <= 1
    if keep:
        (Path(keep) / f"{case}-page1.png").write_bytes(image)

    # The body says each paragraph and each table once; no section stands empty.
    doc = Document(BytesIO(docx))
    paragraphs = [p.text for p in doc.paragraphs if len(p.text) > 30]
    assert not [p for p, n in Counter(paragraphs).items() if n > 1]
    tables = [tuple(cell.text for row in t.rows for cell in row.cells) for t in doc.tables]
    assert not [t for t, n in Counter(tables).items() if n > 1]
    assert "Không có nội dung" not in "\n".join(p.text for p in doc.paragraphs)
    headings = [i for i, p in enumerate(doc.paragraphs) if re.match(r"^[IVX]+\. [A-ZĐ]", p.text)]
    assert headings and doc.paragraphs[headings[0]].text.startswith("I. ")
    for here, after in zip(headings, [*headings[1:], len(doc.paragraphs)], strict=True):
        assert after - here > 1, doc.paragraphs[here].text
    assert [doc.paragraphs[i].text.split(".")[0] for i in headings] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
    ][: len(headings)]
    # "Nơi nhận": the superior (to report to), the unit's own leadership, the archive.
    signature = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    recipients = signature.rows[0].cells[0].text.split("\n")[1:]
    assert recipients[0].startswith(f"- {superior}") and "(để báo cáo)" in recipients[0]
    assert recipients[1:] == ["- Ban Thường vụ (để biết);", "- Lưu: VT, Ban Tuyên giáo."]


def test_pages_after_the_first_are_numbered_at_the_top(sông_hồng: OrgTree) -> None:
    synthesis = synthesis_build(sông_hồng.upper_a, Period.parse("2026-10"))
    pdf = docx_to_pdf(render(document_input(synthesis), "docx"))
    first, second = _lines(pdf, 1), _lines(pdf, 2)
    assert not [line for line in first if line.y1 < PAGE.top - 1]  # page 1: none
    number = [line for line in second if line.y1 < PAGE.top]
    assert [line.text for line in number] == ["2"]
    assert abs((number[0].x0 + number[0].x1) / 2 - (PAGE.left + PAGE.width - PAGE.right) / 2) < 3


def test_the_place_name_is_the_province_or_city_without_its_administrative_word(
    sông_hồng: OrgTree,
) -> None:
    from duluan.reporting.documents.layout import place_name, strip_administrative

    assert place_name(sông_hồng.province) == "Sông Hồng"
    assert place_name(sông_hồng.upper_a) == "Sông Hồng"  # its area is an address in a KCN
    assert place_name(sông_hồng.cs_b1) == "Sông Hồng"  # from the province up the tree
    assert strip_administrative("thành phố Hải Phòng") == "Hải Phòng"
    synthesis = synthesis_build(sông_hồng.upper_a, Period.parse("2026-10"))
    data = document_input(synthesis)
    data.place = sông_hồng.upper_a.area  # an old draft held the unit's address
    assert data.place_date.startswith("Sông Hồng, ngày ")
    data.place = "Bắc Sông"  # typed by the officer: kept
    assert data.place_date.startswith("Bắc Sông, ngày ")


def _body(doc: object) -> list[tuple[str, object]]:
    """The body's paragraphs and tables in their order, as ("p", Paragraph) and ("t", Table)."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    body = doc.element.body  # type: ignore[attr-defined]
    out: list[tuple[str, object]] = []
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(("p", Paragraph(child, doc)))  # type: ignore[arg-type]
        elif child.tag.endswith("}tbl"):
            out.append(("t", DocxTable(child, doc)))  # type: ignore[arg-type]
    return out


def test_headings_are_not_repeated_as_captions_and_stay_with_their_tables(
    sông_hồng: OrgTree,
) -> None:
    synthesis = synthesis_build(sông_hồng.upper_a, Period.parse("2026-10"))
    docx = render(document_input(synthesis), "docx")
    doc = Document(BytesIO(docx))
    body = _body(doc)
    titles = {
        m.group(1)
        for kind, p in body
        if kind == "p" and (m := re.match(r"^\d+\. (.+)$", p.text))  # type: ignore[attr-defined]
    }
    assert {"Theo loại ý kiến", "Theo tâm trạng, thái độ"} <= titles, titles
    texts = [p.text for kind, p in body if kind == "p"]  # type: ignore[attr-defined]
    assert not titles & set(texts), titles & set(texts)  # no heading printed again as a caption
    captions = 0
    for (kind, item), (next_kind, _) in itertools.pairwise(body):
        if kind != "p":
            continue
        text = item.text  # type: ignore[attr-defined]
        heading = re.match(r"^(\d+|[IVX]+)\. \S", text)
        caption = next_kind == "t" and item.runs and all(r.italic for r in item.runs)  # type: ignore[attr-defined]
        if heading or caption:
            assert item.paragraph_format.keep_with_next, text  # type: ignore[attr-defined]
        captions += bool(caption)
    assert captions, "no caption left to check"
    grids = [t for kind, t in body if kind == "t" and t.style.name == "Table Grid"]  # type: ignore[attr-defined]
    assert grids
    for table in grids:
        rows = table.rows  # type: ignore[attr-defined]
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header repeats
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in rows[0].cells)
    # As LibreOffice sets it: no page ends with a heading or a caption.
    pdf = docx_to_pdf(docx)
    kept = {p.text for kind, p in body if kind == "p" and p.paragraph_format.keep_with_next}  # type: ignore[attr-defined]
    page = 1
    while True:
        try:
            lines = [line for line in _lines(pdf, page) if line.y0 > PAGE.top - 1]
        except subprocess.CalledProcessError:
            break
        if not lines:
            break
        assert lines[-1].text not in kept, (page, lines[-1].text)
        page += 1
    assert page > 2


# A year or a date may have four digits; a count of a thousand or more is grouped (1.914).
UNGROUPED = re.compile(r"(?<![\d.,/])\d{4,}(?![\d.,/])")
YEAR_BEFORE = re.compile(r"(năm|đoạn|[-–/])\s*$", re.IGNORECASE)


def _ungrouped(text: str) -> list[str]:
    found = []
    for match in UNGROUPED.finditer(text):
        number, before = match.group(), text[: match.start()]
        year = len(number) == 4 and 1990 <= int(number) <= 2100
        after = text[match.end() :].lstrip()
        if year and (YEAR_BEFORE.search(before) or after[:1] in {"-", "–", "/"}):
            continue
        found.append(number)
    return found


def test_counts_in_the_text_are_grouped_as_vietnamese_readers_write_them(
    sông_hồng: OrgTree,
) -> None:
    assert _ungrouped("khoảng 2950 người, năm 2026, 10/2026, 2016 - 2025") == ["2950"]
    add_reports(sông_hồng.cs_a1, local(2026, 10, 6), 1200, kind="khieu_nai", mood="tieu_cuc")
    add_reports(
        sông_hồng.cs_a1,
        local(2026, 10, 7),
        2,
        kind="khieu_nai",
        people_count=2950,
        text="Ý kiến đông người.",
    )
    synthesis = synthesis_build(sông_hồng.upper_a, Period.parse("2026-10"))
    data = document_input(synthesis)
    paragraphs = [p for block in synthesis.blocks for p in block.paragraphs]
    assert any("1.2" in p for p in paragraphs), paragraphs  # the total, grouped
    assert any("2.950 người" in p for p in paragraphs), paragraphs
    doc = Document(BytesIO(render(data, "docx")))
    texts = [*paragraphs, *(p.text for p in doc.paragraphs)]
    assert not [(t, _ungrouped(t)) for t in texts if _ungrouped(t)]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert not [c for c in cells if _ungrouped(c)]
