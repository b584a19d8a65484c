"""The surveys section of every periodic synthesis."""

from __future__ import annotations

from duluan.core.extensions import Block, Span, report_section
from duluan.org.models import Unit

from .headlines import headline_block


@report_section("surveys", "Kết quả điều tra, thăm dò dư luận", order=60)
def surveys_section(unit: Unit, span: Span) -> Block | None:
    return headline_block("surveys", "Kết quả điều tra, thăm dò dư luận", unit, span)
