"""The staff pages: import (accepted and refused), detail with links and QR, poster, sample plan."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from duluan.surveys import xlsform
from duluan.surveys.models import Survey

from .support import living_xlsx, make_survey

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_import_page_creates_a_survey_or_names_the_rows(org_tree) -> None:
    client = _client(org_tree.user("upper_a"))
    bad = xlsform.export_workbook(
        {
            "survey": [
                {"type": "text", "name": "a", "label": "A"},
                {"type": "audio", "name": "b", "label": "B"},
            ]
        }
    )
    refused = client.post(
        reverse("surveys:import"),
        # The page's "anonymous" box is ticked by default.
        {"unit": org_tree.upper_a.pk, "anonymous": "1", "file": SimpleUploadedFile("x.xlsx", bad)},
    )
    assert refused.status_code == 422
    assert "Trang &#x27;survey&#x27;, dòng 3, cột &#x27;type&#x27;" in refused.content.decode()
    assert not Survey.objects.exists()
    made = client.post(
        reverse("surveys:import"),
        {"unit": org_tree.upper_a.pk, "file": SimpleUploadedFile("ok.xlsx", living_xlsx())},
    )
    survey = Survey.objects.get()
    assert made.status_code == 302 and made["Location"] == reverse(
        "surveys:detail", args=[survey.pk]
    )
    # Straight after import the preview is open (what respondents will see); later, folded.
    detail = reverse("surveys:detail", args=[survey.pk])
    assert "<details open><summary>Mở bản xem trước" in client.get(detail).content.decode()
    assert "<details><summary>Mở bản xem trước" in client.get(detail).content.decode()


def test_detail_links_qr_and_poster(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    client = _client(officer)
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/" in page
    # Beside the survey's QR codes, the way to the units' always-open tip pages (#20).
    assert 'href="/kenh/gop-y/"' in page
    png = client.get(reverse("surveys:qr", args=[survey.pk, org_tree.cs_a1.pk, "png"]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get(reverse("surveys:qr", args=[survey.pk, org_tree.cs_a1.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    poster = client.get(
        reverse("surveys:poster", args=[survey.pk, org_tree.cs_a1.pk])
    ).content.decode()
    assert "<svg" in poster and survey.title in poster
    assert (
        client.get(reverse("surveys:qr", args=[survey.pk, org_tree.cs_b1.pk, "png"])).status_code
        == 404
    )


def test_device_url_is_shown_once(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    client = _client(officer)
    client.post(
        reverse("surveys:device_create", args=[survey.pk]),
        {"name": "Máy 1", "unit": org_tree.cs_a1.pk},
    )
    first = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "/khao-sat/odk/" in first
    again = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "/khao-sat/odk/" not in again


def test_sample_plan_page(org_tree) -> None:
    client = _client(org_tree.user("upper_a"))
    page = client.get(
        reverse("surveys:sample"), {"unit": org_tree.upper_a.pk, "margin": "5", "minimum": "20"}
    )
    text = page.content.decode()
    # 2,000 members: n = 323 at ±5 %, 95 %.
    assert page.status_code == 200 and "<strong>323</strong>" in text
