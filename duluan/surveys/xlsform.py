"""XLSForm in and out, through pyxform (the converter ODK itself uses).

A survey version stores the workbook as pyxform reads it (``survey``,
``choices``, ``settings`` rows as header -> text), the pyxform JSON tree built
from it, and the XForm served to ODK Collect. Export writes the stored rows
back as an .xlsx, so import -> export -> import yields the same rows and so the
same form. What duluan cannot render or evaluate is refused here, with the
sheet, row and column named in Vietnamese.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from duluan.core.errors import ValidationFailed
from duluan.core.sheets.files import check_size, sniff
from duluan.core.sheets.zipguard import BOMB, CORRUPT, DTD, MAX_ENTRIES, MAX_RATIO, RATIO_FLOOR

from . import expr

SHEETS = ("survey", "choices", "settings")
EXPRESSION_COLUMNS = (
    "relevant",
    "constraint",
    "calculation",
    "required",
    "choice_filter",
    "repeat_count",
    "default",
    "trigger",
    "read_only",
    "readonly",
)
MAX_ROWS = 100_000
MAX_UNCOMPRESSED = 50 * 1024 * 1024

# pyxform JSON type -> how the web form shows it.
SUPPORTED_TYPES = {
    "text",
    "integer",
    "decimal",
    "range",
    "select one",
    "select all that apply",
    "note",
    "date",
    "time",
    "dateTime",
    "datetime",
    "calculate",
    "group",
    "repeat",
    "acknowledge",
    "trigger",
    "email",
    "phone number",
    "string",
    "hidden",
    # metadata: accepted, never stored (see forms.METADATA)
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
    "uri:phonenumber",
    "uri:username",
    "uri:email",
    "audit",
    "start-geopoint",
    "background-audio",
}
REFUSED_TYPES = {
    "photo": "ảnh",
    "image": "ảnh",
    "audio": "âm thanh",
    "video": "video",
    "file": "tệp",
    "geopoint": "vị trí GPS",
    "gps": "vị trí GPS",
    "geotrace": "đường GPS",
    "geoshape": "vùng GPS",
    "barcode": "mã vạch",
    "osm": "bản đồ OSM",
    "rank": "xếp hạng",
    "select one external": "danh sách lựa chọn ngoài (external)",
    "select_one_from_file": "lựa chọn từ tệp",
    "select_multiple_from_file": "lựa chọn từ tệp",
    "entity": "thực thể ODK (entities)",
    "loop": "vòng lặp loop",
}
PRIVATE_TYPES = {
    "photo",
    "image",
    "audio",
    "video",
    "file",
    "geopoint",
    "gps",
    "geotrace",
    "geoshape",
}
KNOWN_ALIASES = {
    "string",
    "int",
    "float",
    "q picture",
    "note",
    "calculation",
    "add note prompt",
    "trigger",
    "hidden",
    "imei",
    "add text prompt",
    "add integer prompt",
    "add decimal prompt",
    "add date prompt",
    "add time prompt",
    "add datetime prompt",
    "add select one prompt using",
    "select one",
    "select all that apply",
    "select_one",
    "select_multiple",
    "text",
    "decimal",
    "date",
    "time",
    "datetime",
    "range",
    "acknowledge",
    "xml-external",
    "csv-external",
}
SETTINGS_REFUSED = {"public_key": "biểu mẫu mã hoá (public_key)"}
SETTINGS_DROPPED = ("submission_url",)


@dataclass(frozen=True)
class Issue:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"Trang '{self.sheet}'"]
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class FormRefused(ValidationFailed):
    """The XLSForm cannot be used; ``issues`` name where."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        lines = "; ".join(str(i) for i in issues[:20])
        more = f" (và {len(issues) - 20} lỗi khác)" if len(issues) > 20 else ""
        super().__init__(f"Biểu mẫu XLSForm bị từ chối. {lines}{more}")


@dataclass
class Compiled:
    workbook: dict[str, list[dict[str, str]]]
    spec: dict[str, Any]
    xform: str
    warnings: list[str] = field(default_factory=list)


def read_workbook(content: bytes) -> dict[str, list[dict[str, str]]]:
    """The three sheets as pyxform reads them; refuses non-XLSX and unsafe files."""
    check_size(len(content))
    if sniff(content) != "xlsx":
        raise FormRefused([Issue("(tệp)", None, None, "không phải tệp .xlsx")])
    _check_zip(content)
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = get_xlsform(xlsform=io.BytesIO(content), file_type=".xlsx")
    except PyXFormError as exc:
        raise FormRefused([_pyxform_issue(str(exc))]) from exc
    except Exception as exc:  # a broken zip or sheet: say so, never a 500
        raise FormRefused([Issue("(tệp)", None, None, f"không đọc được tệp: {exc}")]) from exc
    issues = [
        Issue(name, 2, None, "trang này duluan chưa hỗ trợ")
        for name in ("external_choices", "entities", "osm")
        if getattr(data, name, None)
    ]
    if issues:
        # Name the survey rows that depend on them too (select_one_external, entities...).
        rows = {
            "survey": [_clean_row(r) for r in data.survey or []],
            "settings": [_clean_row(r) for r in data.settings or []],
        }
        raise FormRefused(issues + check_supported(rows))
    return {name: [_clean_row(r) for r in getattr(data, name) or []] for name in SHEETS}


def _check_zip(content: bytes) -> None:
    """The spreadsheet guards of ``core.sheets`` less its 26-column limit (XLSForms
    carry a label and hint column per language): bombs, entity tricks, corrupt files."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise FormRefused([Issue("(tệp)", None, None, CORRUPT)]) from exc
    total = sum(entry.file_size for entry in entries)
    if (
        len(entries) > MAX_ENTRIES
        or total > MAX_UNCOMPRESSED
        or any(
            e.file_size > RATIO_FLOOR and e.file_size > e.compress_size * MAX_RATIO for e in entries
        )
    ):
        raise FormRefused([Issue("(tệp)", None, None, BOMB)])
    for entry in entries:
        if entry.filename.endswith(".xml") or entry.filename.endswith(".rels"):
            with archive.open(entry) as handle:
                if re.search(rb"<!(?:DOCTYPE|ENTITY)", handle.read(), re.IGNORECASE):
                    raise FormRefused([Issue("(tệp)", None, None, DTD)])


def _clean_row(row: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in row.items() if k is not None and v not in (None, "")}


def _pyxform_issue(message: str) -> Issue:
    sheet_match = re.search(r"'(survey|choices|settings)' sheet|sheet: '(\w+)'", message, re.I)
    sheet = (sheet_match.group(1) or sheet_match.group(2)).lower() if sheet_match else "survey"
    row_match = re.search(r"\[row : (\d+)\]|row (\d+)", message)
    row = int(row_match.group(1) or row_match.group(2)) if row_match else None
    column_match = re.search(r"the '([\w:]+)' (?:value|column)", message)
    column = column_match.group(1) if column_match else None
    header = re.search(r"column header: ([\w:]+)|headers? .*?: '([\w:]+)'", message)
    if header and row is None:
        row, column = 1, header.group(1) or header.group(2)
    text = re.sub(r"\[row : \d+\]\s*", "", message).split(" Learn more")[0].strip()
    return Issue(sheet, row, column, f"pyxform báo lỗi: {text}")


def compile_workbook(workbook: dict[str, list[dict[str, str]]]) -> Compiled:
    """Check what duluan supports, then build the JSON tree and the XForm."""
    issues = check_supported(workbook)
    if issues:
        raise FormRefused(issues)
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    given = {name: [dict(r) for r in rows] for name, rows in workbook.items() if rows}
    messages: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = convert(given, warnings=messages, form_name="data")
    except PyXFormError as exc:
        raise FormRefused([_pyxform_issue(str(exc))]) from exc
    except Exception as exc:
        raise FormRefused(
            [Issue("survey", None, None, f"pyxform không chuyển được: {exc}")]
        ) from exc
    return Compiled(
        workbook=workbook, spec=result._pyxform or {}, xform=result.xform, warnings=messages
    )


def xform_for(workbook: dict[str, list[dict[str, str]]], *, form_id: str, version: str) -> str:
    """The XForm served to Collect: the stored form with duluan's id and version."""
    from pyxform.xls2xform import convert

    settings = dict((workbook.get("settings") or [{}])[0]) if workbook.get("settings") else {}
    settings.update({"form_id": form_id, "version": version})
    given = {name: [dict(r) for r in rows] for name, rows in workbook.items() if rows}
    given["settings"] = [settings]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xform: str = convert(given, form_name="data").xform
    return xform


def _type_of(raw: str) -> str:
    kind = " ".join(raw.strip().split())
    for prefix in (
        "select_one_from_file",
        "select_multiple_from_file",
        "select one external",
        "select_one_external",
    ):
        if kind.startswith(prefix):
            return "select one external" if "external" in prefix else prefix
    for prefix in (
        "select_one",
        "select one",
        "select_multiple",
        "select all that apply",
        "select multiple",
        "rank",
    ):
        if kind.startswith(prefix):
            return "rank" if prefix == "rank" else "select"
    if kind.lower() in (
        "begin group",
        "begin_group",
        "end group",
        "end_group",
        "begin repeat",
        "begin_repeat",
        "end repeat",
        "end_repeat",
        "begin loop",
        "begin_loop",
        "end loop",
        "end_loop",
    ):
        return kind.lower().replace("_", " ")
    return kind.lower()


def check_supported(workbook: dict[str, list[dict[str, str]]]) -> list[Issue]:
    """Every row and expression duluan cannot render or evaluate, named."""
    issues: list[Issue] = []
    settings = (workbook.get("settings") or [{}])[0] if workbook.get("settings") else {}
    for key, what in SETTINGS_REFUSED.items():
        if settings.get(key):
            issues.append(Issue("settings", 2, key, f"duluan không nhận {what}"))
    for index, row in enumerate(workbook.get("survey") or []):
        line = index + 2
        raw_type = row.get("type", "")
        kind = _type_of(raw_type)
        if kind.startswith("begin loop"):
            issues.append(Issue("survey", line, "type", "duluan không hỗ trợ nhóm 'loop'"))
        elif kind in PRIVATE_TYPES:
            issues.append(
                Issue(
                    "survey",
                    line,
                    "type",
                    f"kiểu câu hỏi '{raw_type}' ({REFUSED_TYPES[kind]}) duluan không "
                    "nhận: khảo sát ẩn danh không thu ảnh, âm thanh, tệp hay vị trí",
                )
            )
        elif kind in REFUSED_TYPES:
            issues.append(
                Issue(
                    "survey",
                    line,
                    "type",
                    f"kiểu câu hỏi '{raw_type}' ({REFUSED_TYPES[kind]}) duluan chưa hỗ trợ",
                )
            )
        elif (
            raw_type
            and kind not in SUPPORTED_TYPES
            and kind not in KNOWN_ALIASES
            and not (kind == "select" or kind.startswith(("begin ", "end ")))
        ):
            issues.append(
                Issue("survey", line, "type", f"kiểu câu hỏi '{raw_type}' không có trong XLSForm")
            )
        for column, value in row.items():
            base = column.split("::")[0].strip().lower()
            if base in (
                "relevant",
                "constraint",
                "calculation",
                "choice_filter",
                "required",
                "repeat_count",
                "read_only",
            ):
                if base in ("required", "read_only") and value.strip().lower() in (
                    "yes",
                    "true",
                    "true()",
                    "no",
                    "false",
                    "false()",
                    "1",
                    "0",
                ):
                    continue
                if base == "repeat_count" and value.strip().isdigit():
                    continue
                problem = _expression_problem(value, attrs=base == "choice_filter")
                if problem:
                    issues.append(Issue("survey", line, column, problem))
            elif base in ("label", "hint") and "pulldata(" in value:
                issues.append(Issue("survey", line, column, "duluan không hỗ trợ hàm pulldata()"))
    return issues


def _expression_problem(value: str, *, attrs: bool = False) -> str | None:
    try:
        expr.parse(value, attrs=attrs)
    except expr.Unsupported as exc:
        return f"biểu thức '{value[:80]}' dùng {exc} mà duluan chưa tính được"
    except expr.ExprError as exc:
        return f"biểu thức '{value[:80]}' không đọc được ({exc})"
    return None


def export_workbook(workbook: dict[str, list[dict[str, str]]]) -> bytes:
    """The stored rows as an .xlsx with ``survey``, ``choices`` and ``settings`` sheets."""
    from openpyxl import Workbook  # on use: it brings NumPy along

    book = Workbook()
    book.remove(book.active)
    for name in SHEETS:
        rows = workbook.get(name) or []
        if not rows and name != "survey":
            continue
        sheet = book.create_sheet(name)
        headers: list[str] = []
        for row in rows:
            headers.extend(k for k in row if k not in headers)
        sheet.append(headers or ["type", "name", "label"])
        for row in rows:
            sheet.append([None] * len(headers))
            for col, header in enumerate(headers, start=1):
                value = row.get(header)
                if value is None:
                    continue
                cell = sheet.cell(row=sheet.max_row, column=col)
                cell.value = value
                # XLSForm text, never a spreadsheet formula (also defuses '=...' injection).
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
