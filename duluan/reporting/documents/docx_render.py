"""The report as a DOCX in the administrative layout of Nghị định 30/2020/NĐ-CP.

Header: the issuing body (under its parent) top left with "Số: .../BC-...",
the national motto top right with place and date; the title; numbered
sections (I., II., ... then 1., 2., ...) with their tables; "Nơi nhận:" and
the signature block ("TM. BAN THƯỜNG VỤ"). Times New Roman 14 (13 in tables),
A4, margins 20 mm top and bottom, 30 mm left, 15 mm right.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell

from duluan.core.extensions import Block

from ..choices import NARRATIVE_SECTIONS
from . import DocumentInput, fmt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def _set_font(run_or_style: object, size: int | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = getattr(run_or_style, "element", None)
    r_pr = element.get_or_add_rPr() if element is not None else None
    if r_pr is not None:
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)


def _para(
    target: DocxDocument | _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = BODY_PT,
    align: int | None = None,
    indent: bool = False,
    after: int = 4,
) -> None:
    paragraph = target.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    _set_font(run, size)


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table: DocxTable, *widths: int) -> None:
    """Fixed column widths in mm (Word and LibreOffice both honour the cell widths)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, size: int = TABLE_PT) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    _set_font(run, size)


def _header(doc: DocxDocument, data: DocumentInput) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, 62, 103)
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    first.alignment = center
    run = first.add_run((data.parent.name if data.parent else "").upper())
    _set_font(run, 13)
    _para(left, data.unit.name.upper(), bold=True, size=13, align=center, after=0)
    _para(left, "———", size=13, align=center, after=2)
    _para(left, data.number_line, size=13, align=center)
    top = right.paragraphs[0]
    top.alignment = center
    run = top.add_run(MOTTO)
    run.bold = True
    _set_font(run, 12)
    _para(right, MOTTO_2, bold=True, size=14, align=center, after=0)
    _para(right, "———————————", size=13, align=center, after=2)
    _para(right, data.place_date, italic=True, size=14, align=center)


def _block_tables(doc: DocxDocument, block: Block) -> None:
    shown_figures = [f for f in block.figures if f.value]
    # The figures come first, even when tables follow: a review states its counts.
    if shown_figures:
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        _cell_text(table.rows[0].cells[0], "Chỉ tiêu", bold=True)
        _cell_text(table.rows[0].cells[1], "Số lượng", bold=True)
        for figure in block.figures:
            cells = table.add_row().cells
            _cell_text(cells[0], figure.label)
            _cell_text(cells[1], fmt(figure.value) + (f" {figure.unit}" if figure.unit else ""))
        _para(doc, "", size=6, after=0)
    for source in block.tables:
        if source.title:
            _para(doc, source.title, italic=True, size=TABLE_PT, after=2)
        table = doc.add_table(rows=1, cols=len(source.columns))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, source.columns, strict=True):
            _cell_text(cell, column, bold=True)
        for row in source.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                _cell_text(cell, fmt(value))
        if source.note:
            _para(doc, source.note, italic=True, size=12)
        _para(doc, "", size=6, after=0)


def _signature(doc: DocxDocument, data: DocumentInput) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, 80, 85)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold = True
    run.italic = True
    _set_font(run, 12)
    for number, line in enumerate(data.recipients, start=1):
        end = "." if number == len(data.recipients) else ";"
        _para(left, f"- {line}{end}", size=11, after=0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    top = right.paragraphs[0]
    top.alignment = center
    run = top.add_run("TM. BAN THƯỜNG VỤ")
    run.bold = True
    _set_font(run, 14)
    _para(right, data.signer_title.upper(), bold=True, size=14, align=center, after=48)
    _para(right, data.signer_name, bold=True, size=14, align=center)


def render_docx(data: DocumentInput) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    _set_font(normal, BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = data.heading
    doc.core_properties.author = data.unit.name

    _header(doc, data)
    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "", after=6)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=center, after=0)
    _para(doc, data.heading, bold=True, size=14, align=center, after=0)
    _para(doc, "—————", size=13, align=center, after=8)
    _para(
        doc,
        f"Thực hiện chế độ báo cáo định kỳ về công tác nắm bắt dư luận xã hội, {data.unit.name}"
        f" báo cáo {data.heading[0].lower() + data.heading[1:]} như sau:",
        align=justify,
        indent=True,
    )
    for number, (key, title) in enumerate(NARRATIVE_SECTIONS):
        _para(doc, f"{ROMAN[number]}. {title.upper()}", bold=True, after=4)
        text = data.narrative.get(key, "").strip()
        for line in [part for part in text.splitlines() if part.strip()]:
            _para(doc, line.strip(), align=justify, indent=True)
        if key == "situation":
            for sub, block in enumerate(data.blocks, start=1):
                _para(doc, f"{sub}. {block.title}", bold=True, italic=False, after=2)
                for paragraph in block.paragraphs:
                    _para(doc, paragraph, align=justify, indent=True)
                _block_tables(doc, block)
        elif not text:
            _para(doc, "(Không có nội dung.)", italic=True, indent=True)
    _para(
        doc,
        f"Trên đây là báo cáo {data.heading[0].lower() + data.heading[1:]} của {data.unit.name}./.",
        align=justify,
        indent=True,
        after=12,
    )
    _signature(doc, data)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
