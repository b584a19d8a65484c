from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.intake.attachments import UploadedFile
from duluan.intake.models import ReporterIdentity
from duluan.intake.selectors import my_report_list, report_get, report_identity, report_list
from duluan.intake.services import ReportData, report_create
from duluan.org.choices import Role

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def data_for(unit_id: int, **overrides: object) -> ReportData:
    base: dict[str, object] = {
        "unit_id": unit_id,
        "channel": "truc_tiep",
        "heard_at": timezone.now() - timedelta(hours=2),
        "subject": "Công nhân lo nợ lương",
        "text": "Nhiều anh chị em phản ánh công ty chậm trả lương tháng 10.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "verifiability": "nhieu_nguon",
    }
    base.update(overrides)
    return ReportData(**base)  # type: ignore[arg-type]


def test_collaborator_files_anonymous_report_and_sees_it_as_mine(org_tree) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = report_create(actor=collaborator, data=data_for(org_tree.cs_a1.pk))
    assert report.is_anonymous
    assert not ReporterIdentity.objects.filter(report=report).exists()
    assert list(my_report_list(collaborator)) == [report]
    assert report_get(collaborator, report.pk) == report
    # The key is an HMAC of the id, not the id: it is not the plain id, nor any
    # simple encoding of it (a short id's digits may of course occur in 64 hex chars).
    assert report.submitter_key not in {str(collaborator.pk), f"{collaborator.pk:064x}"}
    assert len(report.submitter_key) == 64


def test_text_is_stored_nfc_and_searchable_without_diacritics(org_tree) -> None:
    decomposed = "Nợ lương".encode().decode()  # NFC already; build an NFD one
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nợ luơng kéo dài")
    report = report_create(
        actor=org_tree.user("cs_a1"), data=data_for(org_tree.cs_a1.pk, subject=nfd)
    )
    assert report.subject == unicodedata.normalize("NFC", nfd)
    officer = org_tree.user("cs_a1")
    for query in ("no luong", decomposed, "nợ luơng", "NỢ LƯƠNG"):
        from duluan.intake.selectors import ReportFilters

        assert list(report_list(officer, ReportFilters(q=query))) == [report], query


def test_sibling_officer_cannot_read_report(org_tree) -> None:
    report = report_create(
        actor=org_tree.user("cs_a1", Role.COLLABORATOR), data=data_for(org_tree.cs_a1.pk)
    )
    sibling = org_tree.user("cs_a2")
    assert report not in report_list(sibling)
    with pytest.raises(NotFoundError):
        report_get(sibling, report.pk)
    assert report in report_list(org_tree.user("upper_a"))
    assert report in report_list(org_tree.user("province", Role.LEADER))
    assert report not in report_list(org_tree.user("upper_b"))


def test_cannot_file_for_unit_outside_reach(org_tree) -> None:
    with pytest.raises(NotFoundError):
        report_create(
            actor=org_tree.user("cs_a1", Role.COLLABORATOR), data=data_for(org_tree.cs_a2.pk)
        )


def test_named_identity_visible_only_to_own_unit_officers(org_tree) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = report_create(
        actor=collaborator,
        data=data_for(org_tree.cs_a1.pk, anonymous=False, reporter_contact="0901 234 567"),
    )
    identity = report_identity(org_tree.user("cs_a1"), report)
    assert identity is not None and identity.contact == "0901 234 567"
    assert report_identity(org_tree.user("upper_a"), report) is None
    assert report_identity(org_tree.user("cs_a1", Role.LEADER), report) is None


def test_future_heard_at_is_refused(org_tree) -> None:
    with pytest.raises(ValidationFailed):
        report_create(
            actor=org_tree.user("cs_a1"),
            data=data_for(org_tree.cs_a1.pk, heard_at=timezone.now() + timedelta(days=2)),
        )


def test_attachment_type_is_read_from_bytes(org_tree) -> None:
    actor = org_tree.user("cs_a1")
    report = report_create(
        actor=actor, data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("anh.png", PNG)])
    )
    attachment = report.attachments.get()
    assert attachment.content_type == "image/png"
    with pytest.raises(ValidationFailed):
        report_create(
            actor=actor,
            data=data_for(
                org_tree.cs_a1.pk, attachments=[UploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")]
            ),
        )


def test_line_breaks_are_stored_as_newlines(org_tree) -> None:
    report = report_create(
        actor=org_tree.user("cs_a1"),
        data=data_for(org_tree.cs_a1.pk, text="Dòng một\r\nDòng hai\rba"),
    )
    assert report.text == "Dòng một\nDòng hai\nba"


def test_navigation_offers_only_pages_the_account_can_open(org_tree, client) -> None:
    from duluan.conftest import PASSWORD

    client.post(
        "/dang-nhap/",
        {"username": org_tree.user("cs_a1", Role.COLLABORATOR).username, "password": PASSWORD},
    )
    page = client.get("/").content.decode()
    assert "Phản ánh đơn vị" not in page and "Nhập bảng tính" not in page
    client.post("/dang-xuat/")
    client.post("/dang-nhap/", {"username": org_tree.user("cs_a1").username, "password": PASSWORD})
    page = client.get("/").content.decode()
    assert "Phản ánh đơn vị" in page and "Nhập bảng tính" in page


def test_search_count_on_the_list_page_is_capped(org_tree, client, monkeypatch) -> None:
    from duluan.conftest import PASSWORD
    from duluan.intake.views import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    for i in range(4):
        report_create(
            actor=org_tree.user("cs_a1"), data=data_for(org_tree.cs_a1.pk, subject=f"Nợ lương {i}")
        )
    client.post("/dang-nhap/", {"username": org_tree.user("cs_a1").username, "password": PASSWORD})
    searched = client.get("/phan-anh/", {"q": "no luong"}).content.decode()
    assert "Hơn 2 phản ánh" in searched
    plain = client.get("/phan-anh/").content.decode()
    assert "4 phản ánh" in plain


def test_unsearched_list_count_is_capped_higher(org_tree, client, monkeypatch) -> None:
    """A province of millions: the plain list stops counting at ListPaginator.cap."""
    from duluan.conftest import PASSWORD
    from duluan.intake.views import ListPaginator

    monkeypatch.setattr(ListPaginator, "cap", 3)
    for i in range(4):
        report_create(
            actor=org_tree.user("cs_a1"), data=data_for(org_tree.cs_a1.pk, subject=f"Nợ lương {i}")
        )
    client.post("/dang-nhap/", {"username": org_tree.user("cs_a1").username, "password": PASSWORD})
    plain = client.get("/phan-anh/").content.decode()
    assert "Hơn 3 phản ánh" in plain
    assert "Nợ lương 3" in plain  # the newest page is still shown
    searched = client.get("/phan-anh/", {"q": "no luong"}).content.decode()
    assert "4 phản ánh" in searched and "Hơn" not in searched
