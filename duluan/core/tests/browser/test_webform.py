"""The web form is ODK's own engine (@getodk/web-forms), on a 390×844 phone.

A member fills a form with a repeat group, skip logic and a constraint and sends it;
the instance the browser posted gives the same answers through ODK Collect's
endpoint; every shared XLSForm that imports renders; a lost connection keeps the
answers on the phone until it comes back; an interviewer enters forms one after
another; axe-core finds nothing serious on the respondent's page.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from playwright.sync_api import expect

from duluan.conftest import OrgTree
from duluan.surveys import services, webform, xlsform
from duluan.surveys.models import Response, Survey
from duluan.surveys.tests.support import SHARED_FORMS, make_survey

from .conftest import NewContext, PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

BUNDLE_MISSING = "build/webform/webform.js chưa có: chạy `make install` (npm ci && npm run build)"
needs_bundle = pytest.mark.skipif(not webform.bundle_built(), reason=BUNDLE_MISSING)
pytestmark = [pytest.mark.browser, needs_chromium, needs_bundle]

SEND = "Gửi câu trả lời"
# The engine loads its XPath parser (WebAssembly) once per page: give the first page time.
FIRST_LOAD_MS = 60_000


def family_xlsx() -> bytes:
    """A Vietnamese form with skip logic, a constraint and a repeat group (openpyxl)."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(
        [
            "type",
            "name",
            "label::Vietnamese (vi)",
            "label::English (en)",
            "relevant",
            "constraint",
            "constraint_message::Vietnamese (vi)",
            "required",
        ]
    )
    rows = [
        [
            "select_one yn",
            "co_con",
            "Anh/chị có con nhỏ không?",
            "Young children?",
            "",
            "",
            "",
            "yes",
        ],
        [
            "integer",
            "so_con",
            "Số con dưới 6 tuổi",
            "Children under 6",
            "${co_con} = 'co'",
            ". >= 1 and . <= 10",
            "Từ 1 đến 10 con",
            "yes",
        ],
        ["begin_repeat", "thanh_vien", "Thành viên gia đình", "Family member"],
        ["text", "ten", "Tên thành viên", "Name"],
        ["integer", "tuoi", "Tuổi", "Age"],
        ["end_repeat", "thanh_vien"],
        ["text", "y_kien", "Ý kiến khác", "Other"],
    ]
    for row in rows:
        survey.append(row + [""] * (8 - len(row)))
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::Vietnamese (vi)", "label::English (en)"])
    choices.append(["yn", "co", "Có", "Yes"])
    choices.append(["yn", "khong", "Không", "No"])
    settings_sheet = book.create_sheet("settings")
    settings_sheet.append(["form_title"])
    settings_sheet.append(["Gia đình đoàn viên"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def question(page: Page, label: str) -> Locator:
    """The engine's block for a question, found by its label."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return page.locator(".question-container").filter(
        has=page.locator(".control-text label", has_text=exact)
    )


def fill(block: Locator, value: str) -> None:
    field = block.locator("input")
    if field.get_attribute("role") == "spinbutton":
        # PrimeVue's number field reads keystrokes, not a pasted value.
        field.fill("")
        field.press_sequentially(value)
    else:
        field.fill(value)
    field.press("Tab")


def open_form(page: Page, url: str) -> None:
    page.goto(url, timeout=FIRST_LOAD_MS)
    expect(page.locator(".form-initialization-status.ready")).to_be_attached(timeout=FIRST_LOAD_MS)


# Keeps a copy of each instance the page posts (Playwright's request body leaves
# out the multipart's file parts).
RECORD_INSTANCES = """
const send = window.fetch.bind(window);
window.__instances = [];
window.fetch = async (input, init) => {
  const file = init && init.body instanceof FormData && init.body.get("xml_submission_file");
  if (file) window.__instances.push(await file.text());
  return send(input, init);
};
"""


@pytest.fixture
def family(org_tree: OrgTree) -> Survey:
    return services.survey_import(
        actor=org_tree.user("upper_a"), unit=org_tree.upper_a, content=family_xlsx()
    )


def test_member_fills_a_repeat_form_on_a_phone_and_collect_gets_the_same_answers(
    new_context: NewContext, page_as: PageAs, org_tree: OrgTree, family: Survey, settings: Any
) -> None:
    settings.MIN_CELL = 1
    settings.SURVEY_MIN_TEXT = 1
    context = new_context(mobile=True)
    context.add_init_script(RECORD_INSTANCES)
    phone = context.new_page()
    open_form(phone, f"/ks/{family.public_key}/{org_tree.cs_a1.pk}/")
    expect(phone.get_by_role("heading", name="Gia đình đoàn viên").first).to_be_visible()
    # Vietnamese is the language the form opens in, and the engine's words are ours.
    expect(phone.get_by_role("button", name=SEND)).to_be_visible()

    children = question(phone, "Số con dưới 6 tuổi")
    expect(children).to_have_count(0)
    phone.get_by_label("Có", exact=True).check()
    expect(children).to_be_visible()
    phone.get_by_label("Không", exact=True).check()
    expect(children).to_have_count(0)
    phone.get_by_label("Có", exact=True).check()
    fill(children, "40")
    expect(children.locator(".validation-message")).to_have_text("Từ 1 đến 10 con")
    phone.get_by_role("button", name=SEND).click()
    expect(phone.locator("#wf-thanks")).to_be_hidden()
    assert Response.objects.count() == 0
    fill(children, "2")
    expect(children.locator(".validation-message")).to_be_hidden()

    # Two people in the repeat group.
    fill(question(phone, "Tên thành viên").nth(0), "Lan")
    fill(question(phone, "Tuổi").nth(0), "34")
    phone.get_by_role("button", name="Thêm Thành viên gia đình").click()
    expect(question(phone, "Tên thành viên")).to_have_count(2)
    fill(question(phone, "Tên thành viên").nth(1), "Minh")
    fill(question(phone, "Tuổi").nth(1), "5")
    fill(question(phone, "Ý kiến khác"), "Cần nhà trẻ gần khu trọ")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390

    phone.get_by_role("button", name=SEND).click()
    expect(phone.get_by_role("heading", name="Cảm ơn bạn!")).to_be_visible()
    (posted,) = phone.evaluate("() => window.__instances")
    response = Response.objects.get()
    assert response.source == "web" and response.unit == org_tree.cs_a1
    assert response.data["co_con"] == "co" and response.data["so_con"] == "2"
    assert response.data["y_kien"] == "Cần nhà trẻ gần khu trọ"
    members = response.data["_repeats"]["thanh_vien"]
    assert [(m["ten"], m["tuoi"]) for m in members] == [("Lan", "34"), ("Minh", "5")]
    # The cookie: the same phone is told it has answered.
    phone.reload()
    expect(phone.get_by_text("đã gửi câu trả lời")).to_be_visible()

    # The same instance through ODK Collect's endpoint, as a new instance.
    xml = posted.encode()
    assert f'id="{family.current_version.form_id}"'.encode() in xml  # type: ignore[union-attr]
    _device, token = services.device_create(
        actor=org_tree.user("upper_a"), survey=family, unit=org_tree.cs_a1, name="Máy thử"
    )
    again = re.sub(
        rb"<instanceID>[^<]+</instanceID>",
        f"<instanceID>uuid:{uuid.uuid4()}</instanceID>".encode(),
        xml,
    )
    upload = SimpleUploadedFile("xml_submission_file", again, content_type="text/xml")
    collect = Client().post(
        f"/khao-sat/odk/{token}/submission",
        {"xml_submission_file": upload},
        HTTP_X_OPENROSA_VERSION="1.0",
    )
    assert collect.status_code == 201, collect.content
    via_collect = Response.objects.exclude(pk=response.pk).get()
    assert via_collect.source == "odk" and via_collect.data == response.data

    # The officer sees the answer on the results page and in the exports.
    desk = page_as(org_tree.user("upper_a"))
    desk.goto(f"/khao-sat/{family.pk}/ket-qua/", timeout=FIRST_LOAD_MS)
    block = desk.locator(".result-q", has_text="Anh/chị có con nhỏ không?")
    expect(block.get_by_role("row", name=re.compile(r"^Có 2 "))).to_be_visible()
    officer = Client()
    officer.force_login(org_tree.user("upper_a"))
    # A form with repeats exports its CSV as a ZIP of tables, as Kobo does.
    archive = zipfile.ZipFile(io.BytesIO(officer.get(f"/khao-sat/{family.pk}/xuat.csv").content))
    tables = {
        name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
    }
    assert ["Anh/chị có con nhỏ không?", "Có", "2"] in [r[:3] for r in tables["Bang ket qua.csv"]]
    repeat_cells = {
        cell
        for name, rows in tables.items()
        if name.count(".csv") and "Phieu" not in name
        for row in rows
        for cell in row
    }
    assert {"Lan", "Minh"} <= repeat_cells
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(officer.get(f"/khao-sat/{family.pk}/xuat.xlsx").content))
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert {"co_con", "so_con", "Cần nhà trẻ gần khu trọ", "Lan", "Minh"} <= cells


def _stand_in(name: str) -> bytes:
    """A file of the kind ``name`` says, with the ``name``/``label`` columns ODK reads."""
    if name.endswith(".geojson"):
        return (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
            b'{"type": "Point", "coordinates": [105.85, 21.03]}, "properties": '
            b'{"id": "hn", "title": "Ha Noi"}}]}'
        )
    if name.endswith(".xml"):
        return b"<root><item><name>a</name><label>A</label></item></root>"
    return b"name,label\na,A\nb,B\n"


def _shared_forms() -> list[Path]:
    return sorted(SHARED_FORMS.glob("*.xlsx")) if SHARED_FORMS.is_dir() else []


@pytest.mark.parametrize("path", _shared_forms(), ids=lambda p: p.stem[:40])
def test_shared_form_renders_on_a_phone(
    new_context: NewContext, org_tree: OrgTree, path: Path
) -> None:
    """Every shared XLSForm duluan accepts renders through the engine, imported as an
    officer would: a named survey (photos, locations) with the files it reads beside
    it (the corpus ships none: small stand-ins with the columns ODK reads)."""
    try:
        workbook = xlsform.read_workbook(path.read_bytes())
        xlsform.compile_workbook(workbook)
    except xlsform.FormRefused as exc:
        pytest.skip(f"duluan từ chối biểu mẫu này (docs/surveys.md): {exc.message[:300]}")
    media = {name: _stand_in(name) for name in xlsform.required_media(workbook)}
    survey = make_survey(
        org_tree.user("upper_a"), org_tree.upper_a, workbook, anonymous=False, media=media
    )
    version = survey.current_version
    assert version is not None
    page = new_context(mobile=True).new_page()
    if not version.web_ready:
        # A form the engine cannot open (capabilities.py) says so, with its reasons.
        answer = page.goto(f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
        assert answer is not None and answer.status == 404
        expect(page.get_by_role("status")).to_contain_text("không trả lời được trên web")
        expect(page.locator(".form-initialization-status")).to_have_count(0)
        return
    open_form(page, f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    expect(page.locator(".form-load-failure-dialog")).to_have_count(0)
    shown = page.locator(".question-container:visible, .p-panel:visible")
    expect(shown.first).to_be_visible()


def test_lost_connection_keeps_the_answers_until_it_comes_back(
    new_context: NewContext, org_tree: OrgTree, family: Survey
) -> None:
    context = new_context(mobile=True)
    phone = context.new_page()
    open_form(phone, f"/ks/{family.public_key}/{org_tree.cs_a1.pk}/")
    phone.get_by_label("Không", exact=True).check()
    fill(question(phone, "Ý kiến khác"), "Gửi lúc mất sóng")
    context.set_offline(True)
    phone.get_by_role("button", name=SEND).click()
    expect(phone.locator("#wf-status")).to_contain_text("giữ trên máy này")
    assert Response.objects.count() == 0
    context.set_offline(False)
    expect(phone.get_by_role("heading", name="Cảm ơn bạn!")).to_be_visible()
    assert Response.objects.get().data["y_kien"] == "Gửi lúc mất sóng"
    # Nothing is left on the phone: a page with the form (another survey) sends nothing.
    other = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    open_form(phone, f"/ks/{other.public_key}/{org_tree.cs_a1.pk}/")
    assert (
        phone.evaluate(
            """() => new Promise((done) => {
            const open = indexedDB.open("duluan-webform", 1);
            open.onsuccess = () => {
                const all = open.result.transaction("outbox").objectStore("outbox").getAll();
                all.onsuccess = () => done(all.result.length);
            };
        })"""
        )
        == 0
    )
    assert Response.objects.count() == 1


def test_half_filled_form_survives_a_reload(
    new_context: NewContext, org_tree: OrgTree, family: Survey
) -> None:
    phone = new_context(mobile=True).new_page()
    url = f"/ks/{family.public_key}/{org_tree.cs_a1.pk}/"
    open_form(phone, url)
    phone.get_by_label("Có", exact=True).check()
    fill(question(phone, "Số con dưới 6 tuổi"), "3")
    fill(question(phone, "Tên thành viên"), "Hoa")
    phone.get_by_role("button", name="Thêm Thành viên gia đình").click()
    fill(question(phone, "Tên thành viên").nth(1), "Bình")
    phone.wait_for_timeout(800)  # the draft is written 0.4 s after the last change
    open_form(phone, url)
    expect(phone.locator("#wf-status")).to_contain_text("khôi phục")
    expect(phone.get_by_label("Có", exact=True)).to_be_checked()
    expect(question(phone, "Số con dưới 6 tuổi").locator("input")).to_have_value("3")
    expect(question(phone, "Tên thành viên").nth(1).locator("input")).to_have_value("Bình")
    phone.get_by_role("button", name=SEND).click()
    expect(phone.get_by_role("heading", name="Cảm ơn bạn!")).to_be_visible()
    response = Response.objects.get()
    assert response.data["so_con"] == "3"
    assert [m["ten"] for m in response.data["_repeats"]["thanh_vien"]] == ["Hoa", "Bình"]
    assert phone.evaluate("() => localStorage.length") == 0


def test_interviewer_enters_one_form_after_another(
    page_as: PageAs, org_tree: OrgTree, family: Survey
) -> None:
    collaborator = org_tree.user("cs_a1", "collaborator")
    page = page_as(collaborator, mobile=True)
    open_form(page, f"/khao-sat/{family.pk}/phong-van/")
    for opinion in ("Phiếu một", "Phiếu hai"):
        page.get_by_label("Không", exact=True).check()
        fill(question(page, "Ý kiến khác"), opinion)
        page.get_by_role("button", name=SEND).click()
        expect(page.locator("#wf-status")).to_contain_text("Mời nhập phiếu tiếp theo")
        # The next blank form.
        expect(question(page, "Ý kiến khác").locator("input")).to_have_value("")
    stored = Response.objects.order_by("pk")
    assert [r.data["y_kien"] for r in stored] == ["Phiếu một", "Phiếu hai"]
    assert {(r.source, r.collector_id) for r in stored} == {("interview", collaborator.pk)}


def test_preview_stores_nothing(page_as: PageAs, org_tree: OrgTree, family: Survey) -> None:
    page = page_as(org_tree.user("upper_a"))
    page.goto(f"/khao-sat/{family.pk}/", timeout=FIRST_LOAD_MS)
    page.get_by_text("Mở bản xem trước").click()
    expect(page.locator(".form-initialization-status.ready")).to_be_attached(timeout=FIRST_LOAD_MS)
    page.get_by_label("Không", exact=True).check()
    page.get_by_role("button", name=SEND).click()
    expect(page.locator("#wf-status")).to_contain_text("bản xem trước")
    assert Response.objects.count() == 0


@needs_axe
def test_respondent_page_has_no_serious_axe_violations(
    new_context: NewContext, org_tree: OrgTree
) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    page = new_context(mobile=True, axe=True).new_page()
    open_form(page, f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    page.get_by_label("Có", exact=True).check()
    violations = axe_violations(page)
    assert not violations, describe_violations("phiếu khảo sát", violations)


LINE_BREAKS = """(el) => {
  // Where each line of el's text starts: a break must follow a space, never split a word.
  const text = el.firstChild, range = document.createRange(), bad = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const rect = range.getClientRects()[0];
    if (!rect || text.data[i] === " ") continue;
    if (top !== null && rect.top > top + 2 && text.data[i - 1] !== " ") bad.push(i);
    top = rect.top;
  }
  return bad;
}"""


def test_the_title_shows_once_and_wraps_between_words_on_a_phone(
    new_context: NewContext, org_tree: OrgTree
) -> None:
    title = "Khảo sát ý kiến người lao động về điều kiện làm việc và đời sống năm 2026"
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, title=title)
    page = new_context(mobile=True).new_page()
    open_form(page, f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    # The engine's own title (it breaks words anywhere: word-break: break-all) is hidden;
    # the page's h1 stays, once, for screen readers too.
    expect(page.get_by_text(title, exact=True).locator("visible=true")).to_have_count(1)
    heading = page.get_by_role("heading", level=1, name=title)
    expect(heading).to_have_count(1)
    box = heading.bounding_box()
    assert box is not None and box["height"] > 40  # it does wrap on 390 px
    assert heading.evaluate(LINE_BREAKS) == []
