"""``duluan report build --unit CODE --period 2026-10 --format docx --out FILE``."""

from duluan.reporting.commands import ReportingCommand


class Command(ReportingCommand):
    pass
