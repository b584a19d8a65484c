"""core.pages: the pieces list and form pages share."""

from __future__ import annotations

import time_machine
from django import forms
from django.test import RequestFactory

from duluan.core.errors import ValidationFailed
from duluan.core.pages import Row, attachment, form_errors, list_page


class NameForm(forms.Form):
    name = forms.CharField()


def test_list_page_keeps_the_filters_for_the_pager_and_the_download() -> None:
    request = RequestFactory().get("/x/", {"unit": "3", "page": "2", "xuat": "xlsx"})
    context = list_page(request, list(range(7)), lambda n: Row([n]), size=3)
    assert [row.cells for row in context["rows"]] == [[3], [4], [5]]
    assert context["query"] == "unit=3"
    assert context["export_query"] == "unit=3&xuat=xlsx"


def test_form_errors_land_on_the_fields_named_else_on_the_form() -> None:
    form = NameForm({"name": "a"})
    assert form.is_valid()
    form_errors(form, ValidationFailed("Sai.", extra={"errors": {"name": ["Trùng tên."]}}))
    assert form.errors == {"name": ["Trùng tên."]}
    other = NameForm({"name": "a"})
    assert other.is_valid()
    form_errors(other, ValidationFailed("Không được."))
    assert other.non_field_errors() == ["Không được."]


@time_machine.travel("2026-03-04 10:00 +07:00", tick=False)
def test_attachment_is_named_with_the_local_day() -> None:
    response = attachment(b"x", "text/plain", "bao-cao.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-20260304.xlsx"'
    fixed = attachment(b"x", "text/plain", "do-bao-phu-20250101.xlsx", dated=False)
    assert fixed["Content-Disposition"] == 'attachment; filename="do-bao-phu-20250101.xlsx"'
