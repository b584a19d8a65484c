"""Every audit action is named once, in ``audit.Action``."""

from __future__ import annotations

import pytest

from duluan.audit.models import Action, AuditEvent
from duluan.audit.services import audit_record


@pytest.mark.django_db
def test_a_free_string_action_is_refused() -> None:
    with pytest.raises(ValueError, match=r"audit\.models\.Action"):
        audit_record(actor=None, action="survey.something_new", object_type="survey")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_every_action_has_a_vietnamese_name_and_fits_its_column() -> None:
    width = AuditEvent._meta.get_field("action").max_length
    assert width is not None
    for action in Action:
        assert action.label and action.label != action.value
        assert len(action.value) <= width
    audit_record(actor=None, action=Action.SURVEY_EXPORT, object_type="survey", object_ids=[1])
    assert AuditEvent.objects.get().get_action_display() == "Xuất kết quả khảo sát"
