"""``duluan reporting remind`` (and ``duluan reporting build``, the same as ``report build``)."""

from duluan.reporting.commands import ReportingCommand


class Command(ReportingCommand):
    pass
