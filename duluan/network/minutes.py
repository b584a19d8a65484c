"""Minutes (biên bản) of a briefing as DOCX, in the layout of Nghị định 30/2020/NĐ-CP:
A4, Times New Roman, organisation top left, national motto top right, place and
date, title, body, signatures."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .models import Briefing
from .selectors.meetings import briefing_directions, briefing_opinions, briefing_present
from .selectors.petitions import open_items_before

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"


def _para(
    target: object,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 14,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    paragraph: Paragraph = target.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3)
    return paragraph


def _clear(cell: _Cell) -> _Cell:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def briefing_minutes_docx(briefing: Briefing) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    unit = briefing.unit
    parent = unit.get_parent()
    held = timezone.localtime(briefing.held_at)
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = (_clear(cell) for cell in header.rows[0].cells)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if parent is not None:
        _para(left, parent.name.upper(), size=13, align=center)
    _para(left, unit.name.upper(), bold=True, size=13, align=center)
    _para(left, f"Số: {briefing.pk}/BB-GB", size=13, align=center)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=center)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=14, align=center)
    place = unit.area or "……"
    _para(
        right,
        f"{place}, ngày {held.day:02d} tháng {held.month:02d} năm {held.year}",
        italic=True,
        size=14,
        align=center,
    )

    _para(document, "")
    _para(document, "BIÊN BẢN", bold=True, align=center)
    _para(document, briefing.title, bold=True, align=center)
    _para(document, f"Thời gian: {held:%H} giờ {held:%M}, ngày {held:%d/%m/%Y}.")
    _para(document, f"Địa điểm: {briefing.place or '……'}.")
    _para(document, f"Chủ trì: {briefing.chair or '……'}. Thư ký: {briefing.secretary or '……'}.")
    present = [a.full_name for a in briefing_present(briefing)]
    _para(
        document,
        f"Thành phần: {len(present)} đồng chí có mặt"
        + (f" ({', '.join(present)})." if present else "."),
    )

    _para(document, "I. CHƯƠNG TRÌNH", bold=True)
    for line in (briefing.agenda or "").splitlines() or ["……"]:
        if line.strip():
            _para(document, f"- {line.strip()}")
    carried = list(open_items_before(unit, briefing.held_at))
    if carried:
        _para(document, "- Kiến nghị chưa giải quyết xong chuyển từ kỳ trước:")
        for petition in carried:
            due = timezone.localtime(petition.due_at)
            _para(
                document,
                f"  + {petition.content} ({petition.unit.display_name}; hạn {due:%d/%m/%Y}; {petition.get_state_display()}).",
            )

    _para(document, "II. THÔNG TIN ĐỊNH HƯỚNG, TÀI LIỆU PHỔ BIẾN", bold=True)
    for line in (briefing.info_given or "").splitlines():
        if line.strip():
            _para(document, f"- {line.strip()}")
    for direction in briefing_directions(briefing):
        _para(document, f"- Chỉ đạo, định hướng: {direction}")

    _para(document, "III. Ý KIẾN, TÂM TƯ ĐƯỢC THU NHẬN", bold=True)
    opinions = list(briefing_opinions(briefing))
    if not opinions:
        _para(document, "Không có ý kiến.")
    for number, link in enumerate(opinions, start=1):
        report = link.report
        _para(document, f"{number}. {report.subject}: {report.text}")

    _para(document, "IV. KẾT LUẬN", bold=True)
    _para(document, briefing.conclusion or "……")
    _para(document, "Biên bản kết thúc lúc …… giờ …… cùng ngày, đã thông qua trước hội nghị.")

    signatures = document.add_table(rows=1, cols=2)
    for cell, role, name in zip(
        signatures.rows[0].cells,
        ("THƯ KÝ", "CHỦ TRÌ"),
        (briefing.secretary, briefing.chair),
        strict=True,
    ):
        _clear(cell)
        _para(cell, role, bold=True, align=center)
        _para(cell, "(Ký, ghi rõ họ tên)", italic=True, size=13, align=center)
        _para(cell, "")
        _para(cell, "")
        _para(cell, name or "", bold=True, align=center)
    _para(document, "Nơi nhận:", bold=True, italic=True, size=12)
    _para(document, "- Như thành phần dự họp;", size=11)
    _para(document, "- Lưu: VT.", size=11)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
