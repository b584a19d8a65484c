"""Functions of other XLSForm tools, rewritten into ODK XPath that means the same.

Forms written for SurveyCTO or CHT (Enketo) call a few functions that ODK Collect
and the web engine do not have; each has an exact ODK equivalent, written out here
with its source. Only the expression columns are rewritten (``EXPRESSION_COLUMNS``
and their ``::lang`` variants; never a label), string literals are left alone, and
every rewrite is told back to the officer as a warning naming the sheet, row,
column, the expression before and after. A call that cannot be rewritten stays as
written, so the import refuses it as a function ODK does not have (``HINTS`` says
what to change).

* SurveyCTO ``choice-label(${field}, value)``: the label of ``value`` in the choice
  list of ``field`` (https://docs.surveycto.com/02-designing-forms/01-core-concepts/
  09.expressions.html) is ODK's ``jr:choice-name(value, '${field}')``
  (https://getodk.github.io/xforms-spec/#fn:jr:choice-name).
* SurveyCTO ``duration()``: seconds since the form was first opened. Here it becomes
  the wall-clock seconds since the form's ``start`` metadata question,
  ``round((decimal-date-time(string(now())) - decimal-date-time(string(${start}))) *
  86400)``; SurveyCTO counts only the time the form was on screen, which ODK does not
  record. ``string()`` changes nothing for ODK Collect (a date-time and its ISO text
  are the same instant) but lets the web engine open the form: given the ``start``
  node directly it stops ("Expected a NUMBER or STRING evaluation type for date-time
  conversion", see below; around ``now()`` it is not needed, and harmless).
* CHT ``difference-in-months(a, b)``: the whole months from ``a`` to ``b``, one less
  when ``b``'s day of the month is before ``a``'s. That is CHT's definition in
  medic/cht-core ``webapp/src/js/enketo/medic-xpath-extensions.js`` before it moved
  to moment's ``diff(…, 'months')``, and its tests (2015-09-02 → 2015-10-01 is 0,
  2014-10-02 → 2015-10-01 is 11, 2015-10-01 → 2014-10-01 is -12); moment differs
  only when ``b`` is the last day of a shorter month (31 Jan → 29 Feb counts 1
  there, 0 here) and for negative spans. Written with ODK's ``format-date``.

ODK's own ``decimal-date-time(${date})`` is rewritten too, for the web engine only:
``@getodk/web-forms`` 0.22.0 stops loading a form where ``decimal-date-time()`` is
given a question's node ("Expected a NUMBER or STRING evaluation type for date-time
conversion"; measured in Chromium for date, dateTime, start, today, text and calculate
questions and for ``.``), so the usual age formula
``decimal-date-time(today()) - decimal-date-time(${dob})`` does not open on the web.
``decimal-date-time(string(${dob}))`` opens there and is the same number for ODK
Collect: JavaRosa reads a date or date-time node and its ISO text as the same instant,
and a text or calculate node is a string already. Numbers and times are not wrapped
(their text is not a date: the value would change); ``capabilities.assess``
marks what stays as Collect-only. ``today()`` and ``now()`` the engine takes as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .capabilities import ENGINE
from .xlsform import EXPRESSION_COLUMNS
from .xpath_names import STRINGS

# Calls of the functions below, read from the expression with its strings blanked.
_CALL = re.compile(r"(?<![\w$:{./-])(choice-label|duration|difference-in-months)\s*\(")
_REFERENCE = re.compile(r"^\$\{([A-Za-z_][\w.-]*)\}$")
_DECIMAL_DATE_TIME = re.compile(r"(?<![\w$:{./-])decimal-date-time\s*\(")
# Questions whose node, as text, is the same instant (or already text) for JavaRosa.
DATE_TEXT_TYPES = {"date", "datetime", "start", "end", "today", "text", "calculate"}
DATE_TYPES = {"date", "datetime", "start", "end", "today"}
SOURCES = {
    "choice-label": "SurveyCTO",
    "duration": "SurveyCTO",
    "difference-in-months": "CHT",
}
# Said with the refusal when a call stays as written.
HINTS = {
    "duration": "duluan đổi được duration() của SurveyCTO khi biểu mẫu có một câu hỏi "
    "kiểu 'start' (thời điểm mở phiếu): hãy thêm câu đó",
    "choice-label": "duluan đổi được choice-label(${câu_hỏi}, giá_trị) của SurveyCTO "
    "khi đối số đầu là một ${tên câu hỏi}",
    "difference-in-months": "difference-in-months(a, b) của CHT cần đúng hai đối số",
}
NOTES = {
    "choice-label": "nhãn của lựa chọn, theo ngôn ngữ đang dùng",
    "duration": "số giây tính theo đồng hồ từ lúc mở phiếu, còn SurveyCTO chỉ đếm thời "
    "gian phiếu hiện trên màn hình",
    "difference-in-months": "số tháng tròn từ a đến b, như CHT tính",
}


def split_arguments(text: str, start: int) -> tuple[list[str], int] | None:
    """The comma-separated arguments of the call whose ``(`` is just before ``start``,
    and the index after its ``)``; commas inside nested calls, brackets and quoted
    strings do not split. ``None`` when the parentheses do not close."""
    args: list[str] = []
    depth = 0
    quote = ""
    begin = start
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == ")":
            args.append(text[begin:index].strip())
            if args == [""]:
                args = []
            return args, index + 1
        elif char == "," and depth == 0:
            args.append(text[begin:index].strip())
            begin = index + 1
    return None


def _blank_strings(expression: str) -> str:
    """``expression`` with the inside of its string literals blanked, same length."""
    return STRINGS.sub(lambda m: m[0][0] + " " * (len(m[0]) - 2) + m[0][-1], expression)


def _choice_label(args: list[str], start: str | None) -> str | None:
    if len(args) != 2 or not _REFERENCE.match(args[0]):
        return None
    return f"jr:choice-name({args[1]}, '{args[0]}')"


def _duration(args: list[str], start: str | None) -> str | None:
    if args or not start:
        return None
    opened = f"decimal-date-time(string(${{{start}}}))"
    return f"round((decimal-date-time(string(now())) - {opened}) * 86400)"


def _difference_in_months(args: list[str], start: str | None) -> str | None:
    if len(args) != 2:
        return None
    a, b = args

    def part(date: str, pattern: str) -> str:
        return f"number(format-date({date}, '{pattern}'))"

    return (
        f"(({part(b, '%Y')} - {part(a, '%Y')}) * 12 + {part(b, '%n')} - {part(a, '%n')}"
        f" - if({part(b, '%e')} < {part(a, '%e')}, 1, 0))"
    )


REWRITES: dict[str, Callable[[list[str], str | None], str | None]] = {
    "choice-label": _choice_label,
    "duration": _duration,
    "difference-in-months": _difference_in_months,
}


def rewrite(expression: str, *, start: str | None = None) -> tuple[str, list[str]]:
    """``expression`` with every call that has an ODK equivalent rewritten (nested
    calls in its arguments too), and the names of the functions rewritten."""
    out: list[str] = []
    done: list[str] = []
    blank = _blank_strings(expression)
    position = 0
    while match := _CALL.search(blank, position):
        name = match.group(1)
        parsed = split_arguments(expression, match.end())
        if parsed is None:
            break
        raw_args, end = parsed
        args = []
        for arg in raw_args:
            new, inner = rewrite(arg, start=start)
            args.append(new)
            done += inner
        replacement = REWRITES[name](args, start)
        if replacement is not None:
            done.append(name)
        elif args != raw_args:  # kept as written (refused later), its arguments rewritten
            replacement = expression[match.start() : match.end()] + ", ".join(args) + ")"
        else:
            replacement = expression[match.start() : end]
        out.append(expression[position : match.start()] + replacement)
        position = end
    out.append(expression[position:])
    return "".join(out), done


def node_date_times(expression: str) -> list[str]:
    """The arguments of ``decimal-date-time()`` calls in ``expression`` that are still
    a bare node (``${name}``, ``.``, a path): the web engine cannot open those."""
    blank = _blank_strings(expression)
    found = []
    for match in _DECIMAL_DATE_TIME.finditer(blank):
        parsed = split_arguments(expression, match.end())
        if parsed is None or len(parsed[0]) != 1:
            continue
        arg = parsed[0][0]
        if _REFERENCE.match(arg) or re.fullmatch(r"\.{1,2}|[./]*[A-Za-z_][\w./:-]*", arg):
            found.append(arg)
    return found


def stringify_dates(expression: str, texts: set[str], self_is_text: bool) -> str:
    """``expression`` with each ``decimal-date-time(A)`` whose ``A`` is ``${name}`` of a
    question in ``texts`` (or ``.`` when ``self_is_text``) written
    ``decimal-date-time(string(A))``; string literals and other arguments unchanged."""
    blank = _blank_strings(expression)
    out: list[str] = []
    position = 0
    for match in _DECIMAL_DATE_TIME.finditer(blank):
        if match.start() < position:
            continue
        parsed = split_arguments(expression, match.end())
        if parsed is None or len(parsed[0]) != 1:
            continue
        arg = parsed[0][0]
        ref = _REFERENCE.match(arg)
        if (ref and ref.group(1) in texts) or (arg == "." and self_is_text):
            out.append(expression[position : match.start()])
            out.append(f"decimal-date-time(string({arg}))")
            position = parsed[1]
    out.append(expression[position:])
    return "".join(out)


def _date_text_names(workbook: dict[str, list[dict[str, str]]]) -> set[str]:
    names = set()
    for row in workbook.get("survey") or []:
        kind = row.get("type", "").strip().lower()
        if kind in DATE_TEXT_TYPES and not row.get("bind::type") and row.get("name"):
            names.add(row["name"].strip())
    return names


def start_name(workbook: dict[str, list[dict[str, str]]]) -> str | None:
    """The name of the form's first ``start`` metadata question, if any."""
    for row in workbook.get("survey") or []:
        if row.get("type", "").strip().lower() == "start" and row.get("name", "").strip():
            return row["name"].strip()
    return None


def translate(
    workbook: dict[str, list[dict[str, str]]],
) -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """The survey sheet with the other tools' functions rewritten in its expression
    columns, and one warning per changed cell naming what changed."""
    start = start_name(workbook)
    texts = _date_text_names(workbook)
    notes: list[str] = []
    rows = []
    for index, row in enumerate(workbook.get("survey") or []):
        row = dict(row)
        self_is_text = row.get("type", "").strip().lower() in DATE_TYPES
        for column, value in list(row.items()):
            if column.split("::")[0].strip().lower() not in EXPRESSION_COLUMNS:
                continue
            new, names = rewrite(value, start=start)
            dated = stringify_dates(new, texts, self_is_text)
            if dated != new:
                notes.append(
                    f"Trang 'survey', dòng {index + 2}, cột '{column}': viết "
                    f"decimal-date-time(string(…)) cho biểu mẫu web ({ENGINE}) mở được; "
                    f"ODK Collect vẫn tính ra cùng giá trị: '{new}' thành '{dated}'"
                )
                row[column] = new = dated
            if not names:
                continue
            row[column] = new
            said = "; ".join(
                f"hàm {n}() của {SOURCES[n]} — {NOTES[n]}" for n in dict.fromkeys(names)
            )
            notes.append(
                f"Trang 'survey', dòng {index + 2}, cột '{column}': đổi sang biểu thức ODK "
                f"({said}): '{value}' thành '{new}'"
            )
        rows.append(row)
    if "survey" not in workbook:
        return dict(workbook), notes
    return {**workbook, "survey": rows}, notes
