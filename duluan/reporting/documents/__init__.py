"""What a document needs, whoever asks for it (page, API, command): the synthesis
plus the header, the narrative and the signature of the unit's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from duluan.core.extensions import Block, Cell
from duluan.core.sheets.cells import vn_int
from duluan.org.models import Unit

from ..choices import NARRATIVE_SECTIONS, ReportType, report_title
from ..models import PeriodicReport
from ..periods import Period
from ..synthesis import Synthesis
from . import layout

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
    superior_name: str = ""

    @property
    def superior(self) -> str:
        """The body above the issuing unit (tên cơ quan chủ quản): its parent, or
        the Tổng Liên đoàn above the tree's root."""
        if self.superior_name:
            return self.superior_name
        return self.parent.name if self.parent else layout.TOP_BODY

    @property
    def display_title(self) -> str:
        """ "Báo cáo tháng 11/2026": the file's title, the spreadsheet's cover."""
        return report_title(self.report_type, self.period)

    @property
    def signer_authority(self) -> str:
        return "TM. BAN THƯỜNG VỤ"

    @property
    def summary(self) -> str:
        """The heading as a sentence goes on: lower case first letter."""
        return self.heading[0].lower() + self.heading[1:]

    @property
    def opening(self) -> str:
        return (
            "Thực hiện chế độ báo cáo định kỳ về công tác nắm bắt dư luận xã hội,"
            f" {self.unit.name} báo cáo {self.summary} như sau:"
        )

    @property
    def closing(self) -> str:
        return f"Trên đây là báo cáo {self.summary} của {self.unit.name}./."

    @property
    def number_ref(self) -> str:
        """How the annex names its report: "số 12/BC-LĐLĐ" or "số      /BC-LĐLĐ"."""
        return "s" + self.number_line[1:].replace(":", "", 1)

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
        # Drafts made before the place name was derived hold the unit's area ("KCN
        # Bắc Sơn, phường ..."): that is an address, not the place of the date line.
        typed = self.place if self.place.strip() != self.unit.area.strip() else ""
        place = layout.strip_administrative(typed) or layout.place_name(self.unit) or "......"
        # The decree: a 0 before days under 10 and months under 3 ("ngày 05 tháng 02").
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def default_recipients(unit: Unit) -> list[str]:
    """The parent (to report to), the unit's own leadership, the archive."""
    parent = unit.get_parent()
    return [
        f"{parent.name if parent else layout.TOP_BODY} (để báo cáo)",
        "Ban Thường vụ (để biết)",
        "Lưu: VT, Ban Tuyên giáo",
    ]


def document_input(synthesis: Synthesis, report: PeriodicReport | None = None) -> DocumentInput:
    unit = synthesis.unit
    parent = unit.get_parent()
    recipients: list[str]
    if report is not None and report.recipients.strip():
        recipients = [line.strip(" -;") for line in report.recipients.splitlines() if line.strip()]
    else:
        recipients = default_recipients(unit)
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
