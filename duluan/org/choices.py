from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COLLABORATOR = "collaborator", _("Cộng tác viên DLXH")
    REPORTER = "reporter", _("Báo cáo viên")
    OFFICER = "officer", _("Cán bộ tuyên giáo")
    LEADER = "leader", _("Ban Thường vụ")
    ANALYST = "analyst", _("Chuyên viên phân tích")
    ADMIN = "admin", _("Quản trị")


class Perm(models.TextChoices):
    """What a role allows, on its unit and every descendant."""

    UNIT_VIEW = "unit.view", _("Xem cây tổ chức")
    UNIT_MANAGE = "unit.manage", _("Quản lý đơn vị")
    REPORT_SUBMIT = "report.submit", _("Gửi phản ánh")
    REPORT_VIEW = "report.view", _("Xem phản ánh của đơn vị")
    REPORT_IMPORT = "report.import", _("Nhập phản ánh từ bảng tính")
    IDENTITY_VIEW = "identity.view", _("Xem danh tính người phản ánh (chỉ đơn vị mình)")
    MATTER_VIEW = "matter.view", _("Xem vấn đề DLXH")
    MATTER_HANDLE = "matter.handle", _("Xử lý vấn đề DLXH (sàng lọc, xác minh, phản ánh lên)")
    MATTER_DIRECT = "matter.direct", _("Định hướng và đóng vấn đề DLXH")
    SURVEY_MANAGE = "survey.manage", _("Tạo, phát hành khảo sát và thăm dò")


_ALL_STAFF = {Perm.UNIT_VIEW, Perm.REPORT_SUBMIT, Perm.REPORT_VIEW}

ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.COLLABORATOR: frozenset({Perm.UNIT_VIEW, Perm.REPORT_SUBMIT}),
    Role.REPORTER: frozenset({Perm.UNIT_VIEW, Perm.REPORT_SUBMIT}),
    Role.OFFICER: frozenset(
        _ALL_STAFF | {Perm.REPORT_IMPORT, Perm.IDENTITY_VIEW, Perm.MATTER_VIEW, Perm.MATTER_HANDLE}
    ),
    Role.LEADER: frozenset(_ALL_STAFF | {Perm.MATTER_VIEW, Perm.MATTER_HANDLE, Perm.MATTER_DIRECT}),
    Role.ANALYST: frozenset(_ALL_STAFF | {Perm.REPORT_IMPORT, Perm.MATTER_VIEW}),
    Role.ADMIN: frozenset(_ALL_STAFF | {Perm.REPORT_IMPORT, Perm.UNIT_MANAGE}),
}

# Surveys (issue #9): officers build, distribute and close surveys.
ROLE_PERMS[Role.OFFICER] = ROLE_PERMS[Role.OFFICER] | {Perm.SURVEY_MANAGE}
