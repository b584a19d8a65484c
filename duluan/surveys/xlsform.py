"""XLSForm in and out, through pyxform (the converter ODK itself uses).

A survey version stores the workbook as pyxform reads it (``survey``,
``choices``, ``settings`` rows as header -> text), the pyxform JSON tree built
from it, and the XForm served to ODK Collect. Export writes the stored rows
back as an .xlsx, so import -> export -> import yields the same rows and so the
same form. pyxform's checks decide what is a form; duluan refuses besides only calls
of functions ODK does not have (by name, see xpath_names.py),
identifying questions in an anonymous survey and forms missing the files they
read, with the sheet, row and column named in Vietnamese. Expressions are ODK's
engines' to evaluate (docs/decisions/0004-survey-answer-checks.md).
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

from .xpath_names import unknown_functions

SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")
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

# Typographic quotes that spreadsheets put in for straight ones: ODK users expect
# ``${x} = ‘other’`` to mean ``${x} = 'other'`` (Kobo and Ona read it so).
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})

# Questions that collect a person's image, voice, files or whereabouts: an
# anonymous survey refuses them (docs/surveys.md, "Consent").
PRIVATE_TYPES = {
    "photo": "ảnh",
    "image": "ảnh",
    "audio": "âm thanh",
    "video": "video",
    "file": "tệp",
    "geopoint": "vị trí GPS",
    "gps": "vị trí GPS",
    "geotrace": "đường GPS",
    "geoshape": "vùng GPS",
    "start-geopoint": "vị trí GPS lúc mở phiếu",
    "background-audio": "ghi âm nền",
}
# Rows pyxform knows but that are no XLSForm any more (removed from pyxform).
REFUSED_TYPES = {"include": "kiểu 'include' đã bị pyxform bỏ"}
# Settings duluan does not pass on: the form is imported without them, with a warning.
SETTINGS_DROPPED = ("submission_url", "public_key")
ITEMSETS = "itemsets.csv"
# File types accepted beside a form (ODK's form attachments).
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".xml": "application/xml",
    ".geojson": "application/geo+json",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}


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
    # What makes the form unanswerable in the web engine (then only ODK Collect).
    web_blockers: list[str] = field(default_factory=list)
    # Files the form reads: file name -> the first place that needs it.
    needs: dict[str, Issue] = field(default_factory=dict)
    # ``itemsets.csv`` built from the external_choices sheet, if any.
    itemsets: bytes | None = None


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
    book = {name: [_clean_row(r) for r in getattr(data, name) or []] for name in SHEETS}
    return normalise_quotes(
        {name: rows for name, rows in book.items() if rows or name in SHEETS[:3]}
    )


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
    header = re.search(
        r"column header: ([\w:]+)|not found: '([\w:]+)'|headers? .*?: '([\w:]+)'", message
    )
    if header and row is None:
        row, column = 1, header.group(1) or header.group(2) or header.group(3)
    text = re.sub(r"\[row : \d+\]\s*", "", message).split(" Learn more")[0].strip()
    return Issue(sheet, row, column, f"pyxform báo lỗi: {text}")


def normalise_quotes(
    workbook: dict[str, list[dict[str, str]]],
) -> dict[str, list[dict[str, str]]]:
    """Typographic quotes made straight in the expression columns (and their ``::lang``
    variants) of the survey sheet; labels and choices keep theirs."""
    rows = []
    for row in workbook.get("survey") or []:
        rows.append(
            {
                k: v.translate(QUOTES) if _base(k) in EXPRESSION_COLUMNS else v
                for k, v in row.items()
            }
        )
    return {**workbook, "survey": rows} if "survey" in workbook else dict(workbook)


def _base(column: str) -> str:
    return column.split("::")[0].strip().lower()


def compile_workbook(
    workbook: dict[str, list[dict[str, str]]],
    *,
    anonymous: bool = False,
    media: set[str] | None = None,
) -> Compiled:
    """Build the JSON tree and the XForm with pyxform (its checks are the form's).

    ``anonymous`` refuses the questions that collect a person's image, voice, files
    or place; ``media`` (the names of the files given beside the form), when given,
    refuses a form that reads a file not among them. ODK's expressions are not
    evaluated here: the web engine and Collect do that.
    """
    from . import dialects, groups

    workbook, notes = tidy(normalise_quotes(workbook))
    workbook, rewritten = dialects.translate(workbook)
    notes += rewritten
    issues = check_supported(workbook, anonymous=anonymous) + groups.relevance_cycles(workbook)
    needs = required_media(workbook)
    if media is not None:
        issues += [
            Issue(i.sheet, i.row, i.column, f"cần tệp '{name}' đính kèm biểu mẫu mà chưa có")
            for name, i in needs.items()
            if name not in media and not (name == ITEMSETS and workbook.get("external_choices"))
        ]
    if issues:
        raise FormRefused(issues)
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    given = _given(workbook)
    messages: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = convert(given, warnings=messages, form_name="data")
    except PyXFormError as exc:
        raise FormRefused([_located(_pyxform_issue(str(exc)), workbook)]) from exc
    except Exception as exc:
        raise FormRefused(
            [Issue("survey", None, None, f"pyxform không chuyển được: {exc}")]
        ) from exc
    from . import capabilities

    found = capabilities.assess(workbook)
    return Compiled(
        workbook=workbook,
        spec=result._pyxform or {},
        xform=result.xform,
        warnings=notes + found.warnings,
        web_blockers=found.blockers,
        needs=needs,
        itemsets=itemsets_csv(workbook),
    )


# Header aliases pyxform refuses side by side; old pyxform took both.
ALIASES = {"jr:count": "repeat_count", "relevance": "relevant"}
ALIAS_LINES_SHOWN = 8


def _alias_note(alias: str, lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:ALIAS_LINES_SHOWN])
    more = (
        f" và {len(lines) - ALIAS_LINES_SHOWN} dòng khác" if len(lines) > ALIAS_LINES_SHOWN else ""
    )
    return f"Trang 'survey', cột '{alias}' được đọc là '{ALIASES[alias]}' (dòng {shown}{more})"


def tidy(
    workbook: dict[str, list[dict[str, str]]],
) -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """What older pyxform and Collect accepted and pyxform 4 refuses, made plain when
    nothing is lost: an alias column that repeats its column (``jr:count`` beside
    ``repeat_count`` with the same text), a choice row that repeats an earlier one
    exactly; CHT's group ``meta`` and ``instance::tag`` (``groups.py``). Each change is
    told back as a warning."""
    from . import groups

    notes: list[str] = []
    survey = []
    aliased: dict[str, list[int]] = {}
    for index, row in enumerate(workbook.get("survey") or []):
        row = dict(row)
        for alias, column in ALIASES.items():
            if alias in row and row.get(column, row[alias]) == row[alias]:
                row[column] = row.pop(alias)
                aliased.setdefault(alias, []).append(index + 2)
        survey.append(row)
    # One warning per column, not per row: a SurveyCTO form has a hundred of them.
    notes += [_alias_note(alias, lines) for alias, lines in aliased.items()]
    survey, merged = _languages_merged(survey)
    notes += merged
    survey, renamed = groups.rename_meta(survey)
    survey, dropped = groups.drop_instance_tag(survey)
    notes += renamed + dropped
    choices: list[dict[str, str]] = []
    seen: set[tuple[tuple[str, str], ...]] = set()
    for index, row in enumerate(workbook.get("choices") or []):
        key = tuple(sorted(row.items()))
        if row and key in seen:
            notes.append(
                f"Trang 'choices', dòng {index + 2}: lựa chọn trùng hệt một dòng trước, được bỏ"
            )
            continue
        seen.add(key)
        choices.append(row)
    out = dict(workbook)
    if "survey" in workbook:
        out["survey"] = survey
    if "choices" in workbook:
        out["choices"] = choices
    return out, notes


def _languages_merged(
    survey: list[dict[str, str]],
) -> tuple[list[dict[str, str]], list[str]]:
    """An expression column with a language (``relevant::English (en)``, which some
    tools write and pyxform cannot take: expressions are not translated in ODK) read
    as the column itself, in every row where its languages (and the plain column)
    agree; a row where they differ keeps them, for ``check_supported`` to refuse."""
    columns = {c for row in survey for c in row if "::" in c and _base(c) in EXPRESSION_COLUMNS}
    if not columns:
        return survey, []
    notes = [
        f"Trang 'survey', cột '{column}': biểu thức không theo ngôn ngữ, được đọc là cột "
        f"'{_base(column)}'"
        for column in sorted(columns)
    ]
    out = []
    for row in survey:
        row = dict(row)
        for base in {_base(c) for c in columns}:
            keys = [k for k in row if k in columns and _base(k) == base]
            plain = [k for k in row if k not in columns and _base(k) == base]
            values = {row[k].strip() for k in keys + plain if row[k].strip()}
            if len(values) > 1:
                continue
            for key in keys + plain:
                del row[key]
            if values:
                row[base] = values.pop()
        out.append(row)
    return out, notes


def _located(issue: Issue, workbook: dict[str, list[dict[str, str]]]) -> Issue:
    """A pyxform message about a type without a row: find the row."""
    match = re.search(r"Unknown question type '([^']+)'", issue.message)
    if issue.row is None and match:
        for index, row in enumerate(workbook.get("survey") or []):
            if row.get("type", "").strip() == match.group(1):
                return Issue("survey", index + 2, "type", issue.message)
    return issue


def _given(workbook: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """The sheets as pyxform takes them, less the settings duluan does not pass on."""
    given = {name: [dict(r) for r in rows] for name, rows in workbook.items() if rows}
    if given.get("settings"):
        given["settings"] = [
            {k: v for k, v in given["settings"][0].items() if k not in SETTINGS_DROPPED}
        ]
    for name, rows in list(given.items()):
        # Every header of the sheet, in order: pyxform otherwise infers them from the
        # first 100 rows, and the stored rows leave empty cells out.
        headers: dict[str, None] = {}
        for row in rows:
            headers.update(dict.fromkeys(row))
        given[f"{name}_header"] = [headers]  # type: ignore[list-item]
    return given


FILE_TYPES = ("select_one_from_file", "select_multiple_from_file")
PULLDATA = re.compile(r"pulldata\s*\(\s*['\"]([^'\"]+)['\"]")
SEARCH = re.compile(r"search\s*\(\s*['\"]([^'\"]+)['\"]")


def required_media(workbook: dict[str, list[dict[str, str]]]) -> dict[str, Issue]:
    """The files the form reads (from-file lists, pulldata, search(), external
    choices), each with the first sheet, row and column that needs it."""
    needs: dict[str, Issue] = {}
    for index, row in enumerate(workbook.get("survey") or []):
        line = index + 2
        kind = " ".join(row.get("type", "").split())
        for prefix in FILE_TYPES:
            if kind.startswith(prefix) and len(kind.split()) > 1:
                needs.setdefault(kind.split()[1], Issue("survey", line, "type", ""))
        if kind.startswith(("select_one_external", "select one external")):
            needs.setdefault(ITEMSETS, Issue("survey", line, "type", ""))
        for column, value in row.items():
            base = _base(column)
            if base in EXPRESSION_COLUMNS or base in ("label", "hint"):
                for name in PULLDATA.findall(value):
                    needs.setdefault(f"{name}.csv", Issue("survey", line, column, ""))
            if base == "appearance":
                for name in SEARCH.findall(value):
                    needs.setdefault(f"{name}.csv", Issue("survey", line, column, ""))
    return needs


def itemsets_csv(workbook: dict[str, list[dict[str, str]]]) -> bytes | None:
    """The ``itemsets.csv`` attachment built from the external_choices sheet, the way
    pyxform's ``xls2xform`` and KoboToolbox write it: ``list_name``, ``name``, labels,
    then the filter columns."""
    import csv

    rows = workbook.get("external_choices") or []
    if not rows:
        return None
    headers: list[str] = ["list_name", "name"]
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode()


def xform_for(
    workbook: dict[str, list[dict[str, str]]], *, form_id: str, version: str, title: str = ""
) -> str:
    """The XForm served (web and Collect): the stored form with duluan's id, version
    and, when given, the survey's title as <h:title>."""
    from pyxform.xls2xform import convert

    settings = dict((workbook.get("settings") or [{}])[0]) if workbook.get("settings") else {}
    # pyxform reads "title" as another name of "form_title".
    dropped = ("form_id", "version", "form_title", "title") if title else ("form_id", "version")
    settings = {k: v for k, v in settings.items() if k.lower() not in dropped}
    settings.update({"form_id": form_id, "version": version})
    if title:
        settings["form_title"] = title
    given = _given({**normalise_quotes(workbook), "settings": [settings]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xform: str = convert(given, form_name="data").xform
    return xform


def form_title(workbook: dict[str, list[dict[str, str]]]) -> str:
    """The ``form_title`` the form's settings sheet gives, or ""."""
    rows = workbook.get("settings") or [{}]
    for key, value in (rows[0] if rows else {}).items():
        if key.strip().lower() in ("form_title", "title") and str(value or "").strip():
            return str(value).strip()
    return ""


def title_from_filename(filename: str) -> str:
    """``phieu_y-kien.xlsx`` → ``phieu y kien``: a title for a form that has none."""
    stem = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return " ".join(stem.replace("_", " ").replace("-", " ").split())


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


def check_supported(
    workbook: dict[str, list[dict[str, str]]], *, anonymous: bool = False
) -> list[Issue]:
    """The rows duluan refuses before pyxform sees the form, named: types pyxform no
    longer knows, functions ODK does not have, and (in an anonymous survey) questions
    that identify a person."""
    from .dialects import HINTS

    issues: list[Issue] = []
    for index, row in enumerate(workbook.get("survey") or []):
        line = index + 2
        raw_type = row.get("type", "")
        kind = _type_of(raw_type)
        if kind in REFUSED_TYPES:
            issues.append(Issue("survey", line, "type", f"{REFUSED_TYPES[kind]}"))
        said: set[str] = set()  # one refusal per expression column and row
        for column, value in row.items():
            if _base(column) in EXPRESSION_COLUMNS and "::" in column and value.strip():
                if _base(column) in said:
                    continue
                said.add(_base(column))
                issues.append(
                    Issue(
                        "survey",
                        line,
                        column,
                        f"biểu thức không dịch theo ngôn ngữ được: ODK chỉ đọc một cột "
                        f"'{_base(column)}', mà các ngôn ngữ ở dòng này ghi khác nhau; hãy "
                        f"giữ một cột '{_base(column)}'",
                    )
                )
                continue
            if _base(column) in EXPRESSION_COLUMNS:
                for name in unknown_functions(value):
                    hint = f" ({HINTS[name]})" if name in HINTS else ""
                    issues.append(
                        Issue(
                            "survey",
                            line,
                            column,
                            f"hàm '{name}()' không có trong ODK: ODK Collect và biểu mẫu "
                            f"web không tính được{hint}",
                        )
                    )
        if anonymous and kind in PRIVATE_TYPES:
            issues.append(
                Issue(
                    "survey",
                    line,
                    "type",
                    f"kiểu câu hỏi '{raw_type}' ({PRIVATE_TYPES[kind]}): khảo sát ẩn danh "
                    "không thu ảnh, âm thanh, tệp hay vị trí",
                )
            )
    return issues


def private_rows(workbook: dict[str, list[dict[str, str]]]) -> list[int]:
    """Sheet row numbers (from 2) of the questions an anonymous survey refuses."""
    return [
        index + 2
        for index, row in enumerate(workbook.get("survey") or [])
        if _type_of(row.get("type", "")) in PRIVATE_TYPES
    ]


def without_private(
    workbook: dict[str, list[dict[str, str]]],
) -> dict[str, list[dict[str, str]]]:
    """The form less its image, audio, video, file and location questions ("import
    without them"); an expression naming a removed question is pyxform's to refuse."""
    drop = set(private_rows(workbook))
    rows = [r for i, r in enumerate(workbook.get("survey") or []) if i + 2 not in drop]
    return {**workbook, "survey": rows}


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
