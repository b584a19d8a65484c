"""The report as a DOCX in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I) and
the trade union's rules on its documents (Quyết định 933/QĐ-TLĐ, 2024).

A4, margins 20 mm top and bottom, 30 mm left, 15 mm right (text 165 mm wide).
Header: a borderless two-column table, 65 mm | 100 mm: the superior body
(uppercase, 12, regular) over the issuing unit (uppercase, 12, bold) with a short
rule and "Số: .../BC-..." (13) on the left; the Quốc hiệu (uppercase, 12, bold)
and the Tiêu ngữ (13, bold) each on one line with a rule, then the place and
date (13, italic) on the right. Title "BÁO CÁO" and its summary (14, bold),
body 14 Times New Roman (LibreOffice sets it in Liberation Serif, the metric
twin, when Times New Roman is absent), sections numbered I., II. ... from those
that have something to say. "Nơi nhận:" (12, bold italic; entries 11) bottom
left, the signature bottom right; the definitions of the figures as an annex;
page numbers from page 2, centred in the top margin.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell

from duluan.core.extensions import Block, Figure

from . import DocumentInput, fmt
from .layout import (
    ANNEX_TITLE,
    MOTTO,
    MOTTO_2,
    PAGE,
    ROMAN,
    Section,
    annex_rows,
    document_sections,
    figures_to_list,
    header_superior,
    same_title,
)

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
HEADER_PT = 12
HEADER_WIDTHS = (65, 100)  # mm: the unit on the left, the Quốc hiệu on the right
SIGNATURE_WIDTHS = (80, 85)


def _set_font(run_or_style: object, size: float | None = None) -> None:
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
    size: float = BODY_PT,
    align: int | None = None,
    indent: bool = False,
    after: int = 6,
    before: int = 0,
    first: bool = False,
    keep: bool = False,
) -> None:
    """A paragraph; ``first`` reuses the cell's own empty first paragraph; ``keep``
    holds it on the page of what follows (a heading, a table's caption)."""
    if first and isinstance(target, _Cell):
        paragraph = target.paragraphs[0]
    else:
        paragraph = target.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt_ = paragraph.paragraph_format
    fmt_.space_after = Pt(after)
    fmt_.space_before = Pt(before)
    if indent:
        fmt_.first_line_indent = Mm(10)
    if keep:
        fmt_.keep_with_next = True
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


def _no_cell_margins(table: DocxTable) -> None:
    """Cells without side padding: a column's whole width holds its text."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _widths(table: DocxTable, *widths: int) -> None:
    """Fixed column widths in mm (Word and LibreOffice both honour the cell widths)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 1440 / 25.4)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_text(
    cell: _Cell, text: str, *, bold: bool = False, size: int = TABLE_PT, keep: bool = False
) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = bold
    _set_font(run, size)


def _header(doc: DocxDocument, data: DocumentInput) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _no_cell_margins(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, *HEADER_WIDTHS)
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    superior = header_superior(data.superior).upper()
    _para(left, superior, size=HEADER_PT, align=center, after=0, first=True)
    _para(left, data.unit.name.upper(), bold=True, size=HEADER_PT, align=center, after=0)
    _para(left, "—————", size=HEADER_PT, align=center, after=4)
    _para(left, data.number_line, size=13, align=center, after=0)
    _para(right, MOTTO, bold=True, size=HEADER_PT, align=center, after=0, first=True)
    _para(right, MOTTO_2, bold=True, size=13, align=center, after=0)
    _para(right, "———————————————", size=HEADER_PT, align=center, after=4)
    _para(right, data.place_date, italic=True, size=13, align=center, after=0)


def _data_widths(columns: int) -> tuple[int, ...]:
    """A data table across the text width: the first column (the names) wider."""
    text = PAGE.width - PAGE.left - PAGE.right
    if columns <= 1:
        return (text,)
    first = 110 if columns == 2 else max(50, text - 30 * (columns - 1))
    rest = (text - first) // (columns - 1)
    return (text - rest * (columns - 1), *([rest] * (columns - 1)))


def _table(
    doc: DocxDocument, columns: list[str], rows: list[list[str]], widths: tuple[int, ...] = ()
) -> None:
    """A data table: its header row repeats on every page the table runs onto and
    stays with the first row; no row splits across pages."""
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    _widths(table, *(widths or _data_widths(len(columns))))
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, column, bold=True, keep=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            _cell_text(cell, value)
    for number, table_row in enumerate(table.rows):
        tr_pr = table_row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if number == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
    _para(doc, "", size=6, after=0)


def _block(doc: DocxDocument, block: Block, number: int, said: set[str], listed: set[str]) -> None:
    _para(doc, f"{number}. {block.title}", bold=True, after=4, keep=True)
    for paragraph in block.paragraphs:
        if paragraph in said:
            continue
        said.add(paragraph)
        _para(doc, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    shown: list[Figure] = figures_to_list(block, listed)
    if shown:
        _table(
            doc,
            ["Chỉ tiêu", "Số lượng"],
            [
                [figure.label, fmt(figure.value) + (f" {figure.unit}" if figure.unit else "")]
                for figure in shown
            ],
        )
    for source in block.tables:
        if source.title and not same_title(source.title, block.title):
            _para(doc, source.title, italic=True, size=TABLE_PT, after=2, keep=True)
        _table(doc, source.columns, [[fmt(v) for v in row] for row in source.rows])
        if source.note:
            _para(doc, source.note, italic=True, size=12)


def _section(
    doc: DocxDocument, index: int, section: Section, said: set[str], listed: set[str]
) -> None:
    _para(doc, f"{ROMAN[index]}. {section.title.upper()}", bold=True, after=6, before=6, keep=True)
    for line in section.lines:
        if line in said:
            continue
        said.add(line)
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    for number, block in enumerate(section.blocks, start=1):
        _block(doc, block, number, said, listed)


def _signature(doc: DocxDocument, data: DocumentInput) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _no_cell_margins(table)
    _widths(table, *SIGNATURE_WIDTHS)
    left, right = table.rows[0].cells
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0, first=True)
    for number, line in enumerate(data.recipients, start=1):
        end = "." if number == len(data.recipients) else ";"
        _para(left, f"- {line}{end}", size=11, after=0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, data.signer_authority, bold=True, size=BODY_PT, align=center, after=0, first=True)
    _para(right, data.signer_title.upper(), bold=True, size=BODY_PT, align=center, after=60)
    if data.signer_name:
        _para(right, data.signer_name, bold=True, size=BODY_PT, align=center, after=0)
    else:
        _para(right, "(Ký, ghi rõ họ và tên)", italic=True, size=BODY_PT, align=center, after=0)


def _annex(doc: DocxDocument, data: DocumentInput, sections: list[Section]) -> None:
    rows = annex_rows(sections)
    if not rows:
        return
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "Phụ lục", bold=True, align=center, after=0, keep=True)
    _para(doc, ANNEX_TITLE, bold=True, align=center, after=0, keep=True)
    _para(
        doc, f"(Kèm theo báo cáo {data.number_ref})", italic=True, align=center, after=8, keep=True
    )
    _table(doc, ["Chỉ tiêu", "Cách tính"], rows, (55, 110))


def _page_numbers(doc: DocxDocument) -> None:
    """The decree: page numbers from page 2, centred in the top margin, size 13-14."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", ""), ("instr", "PAGE"), ("end", "")):
        run = paragraph.add_run()
        _set_font(run, 13)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def render_docx(data: DocumentInput) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE.width), Mm(PAGE.height)
    section.top_margin, section.bottom_margin = Mm(PAGE.top), Mm(PAGE.bottom)
    section.left_margin, section.right_margin = Mm(PAGE.left), Mm(PAGE.right)
    normal = doc.styles["Normal"]
    _set_font(normal, BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = f"{data.display_title} - {data.unit.name}"
    doc.core_properties.subject = data.heading
    doc.core_properties.author = data.unit.name

    _page_numbers(doc)
    _header(doc, data)
    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "BÁO CÁO", bold=True, size=BODY_PT, align=center, after=0, before=18)
    _para(doc, data.heading, bold=True, size=BODY_PT, align=center, after=0)
    _para(doc, "—————", size=13, align=center, after=12)
    _para(doc, data.opening, align=justify, indent=True)
    sections = document_sections(data)
    said: set[str] = set()
    listed: set[str] = set()
    for index, part in enumerate(sections):
        _section(doc, index, part, said, listed)
    _para(doc, data.closing, align=justify, indent=True, after=12)
    _signature(doc, data)
    _annex(doc, data, sections)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
