"""Vocabularies of matters: the workflow states and what hangs off them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """The four steps (DOMAIN.md "Processing") plus their two ends."""

    TIEP_NHAN = "tiep_nhan", _("Tiếp nhận")
    SANG_LOC = "sang_loc", _("Sàng lọc")
    XAC_MINH = "xac_minh", _("Xác minh")
    PHAN_ANH_LEN = "phan_anh_len", _("Phản ánh lên cấp trên")
    DINH_HUONG = "dinh_huong", _("Định hướng, phản hồi xuống")
    DONG = "dong", _("Đóng")
    GHI_NHAN = "ghi_nhan", _("Ghi nhận, không cần xử lý")


CLOSED_STATES = frozenset({State.DONG, State.GHI_NHAN})


class Priority(models.TextChoices):
    LOW = "thap", _("Thấp")
    NORMAL = "binh_thuong", _("Bình thường")
    HIGH = "cao", _("Cao")
    URGENT = "khan", _("Khẩn")


class Outcome(models.TextChoices):
    CONFIRMED = "xac_thuc", _("Dư luận xã hội xác thực")
    PARTLY = "dung_mot_phan", _("Đúng một phần")
    RUMOUR = "tin_don", _("Tin đồn / sai sự thật")
    UNVERIFIED = "chua_kiem_chung", _("Chưa kiểm chứng được")


class EscalationState(models.TextChoices):
    PENDING = "pending", _("Chờ cấp trên xem xét")
    ACCEPTED = "accepted", _("Cấp trên tiếp nhận")
    RETURNED = "returned", _("Trả lại, cần bổ sung")
    FORWARDED = "forwarded", _("Chuyển tiếp lên cấp trên nữa")


class DirectionState(models.TextChoices):
    """A direction drafted by an officer waits for a leader to approve (and sign) it."""

    DRAFT = "du_thao", _("Dự thảo, chờ lãnh đạo duyệt")
    RETURNED = "tra_lai", _("Lãnh đạo trả lại dự thảo")
    ISSUED = "ban_hanh", _("Đã ban hành")


# Working days a matter may stay in each open state, when no StepDeadline row says otherwise.
DEFAULT_STEP_DAYS: dict[str, int] = {
    State.TIEP_NHAN: 1,
    State.SANG_LOC: 2,
    State.XAC_MINH: 5,
    State.PHAN_ANH_LEN: 3,
    State.DINH_HUONG: 5,
}
