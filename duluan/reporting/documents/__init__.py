"""What a document needs, whoever asks for it (page, API, command): the synthesis
plus the header, the narrative and the signature of the unit's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from duluan.core.extensions import Block, Cell
from duluan.core.sheets.cells import vn_int
from duluan.org.models import Unit

from ..choices import NARRATIVE_SECTIONS, ReportType
from ..models import PeriodicReport
from ..periods import Period
from ..synthesis import Synthesis

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMATS = tuple(CONTENT_TYPES)


def abbreviation(unit: Unit) -> str:
    """ "LĐLĐ tỉnh" → "LĐLĐ": the capitalised words of the short name."""
    words = [w for w in (unit.short_name or unit.name).split() if w.isupper()]
    return "".join(words) or "CĐ"


def fmt(value: Cell) -> str:
    """A table cell as a Vietnamese reader writes it: 1.234 and 12,5."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return vn_int(value)
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return str(value)


@dataclass
class DocumentInput:
    unit: Unit
    parent: Unit | None
    period: Period
    report_type: str
    blocks: list[Block]
    narrative: dict[str, str] = field(default_factory=dict)
    number: str = ""
    place: str = ""
    day: date | None = None
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    title: str = ""

    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        if self.report_type == ReportType.REVIEW:
            return (
                "Tổng kết công tác nắm bắt dư luận xã hội trong đoàn viên, người lao động"
                f" {self.period.label}"
            )
        return (
            "Tình hình tư tưởng, dư luận xã hội trong đoàn viên, người lao động"
            f" {self.period.label}"
        )

    @property
    def number_line(self) -> str:
        if self.number:
            return f"Số: {self.number}"
        return f"Số:      /BC-{abbreviation(self.unit)}"

    @property
    def place_date(self) -> str:
        day = self.day or timezone.localdate()
        place = self.place or self.unit.area or "......"
        return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def document_input(synthesis: Synthesis, report: PeriodicReport | None = None) -> DocumentInput:
    unit = synthesis.unit
    parent = unit.get_parent()
    recipients: list[str]
    if report is not None and report.recipients.strip():
        recipients = [line.strip(" -;") for line in report.recipients.splitlines() if line.strip()]
    else:
        recipients = [f"{parent.name} (để báo cáo)"] if parent else []
        recipients += ["Ban Thường vụ (để biết)", "Lưu: VT, Ban Tuyên giáo"]
    day = None
    if report is not None and report.submitted_at is not None:
        day = timezone.localtime(report.submitted_at).date()
    return DocumentInput(
        unit=unit,
        parent=parent,
        period=synthesis.period,
        report_type=synthesis.report_type,
        blocks=synthesis.blocks,
        narrative={key: getattr(report, key, "") for key, _ in NARRATIVE_SECTIONS}
        if report is not None
        else {},
        number=report.number if report is not None else "",
        place=report.place if report is not None else "",
        day=day,
        recipients=recipients,
        signer_title=(report.signer_title if report is not None else "") or "CHỦ TỊCH",
        signer_name=report.signer_name if report is not None else "",
        title=report.title if report is not None else "",
    )


def render(data: DocumentInput, fmt_name: str) -> bytes:
    from .docx_render import render_docx
    from .pdf import docx_to_pdf
    from .xlsx import render_xlsx

    if fmt_name == "docx":
        return render_docx(data)
    if fmt_name == "xlsx":
        return render_xlsx(data)
    if fmt_name == "pdf":
        return docx_to_pdf(render_docx(data))
    raise ValueError(fmt_name)
