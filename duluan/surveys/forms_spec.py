"""The pyxform JSON tree as duluan renders, validates and analyses it.

:func:`questions` flattens the tree into :class:`Question` rows (groups give
their ``relevant`` to their children); :func:`validate_answers` is the server's
guard against tampered answers for what needs no XPath (types, static choices,
unconditional required, range bounds, length); skip logic, constraints and
calculations are evaluated by ODK's engines (web and Collect), not here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

# Metadata XLSForm may declare: accepted in the form, never stored with answers.
METADATA = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
    "uri:phonenumber",
    "uri:username",
    "uri:email",
}
CHOICE_TYPES = {"select one", "select all that apply"}
NUMBER_TYPES = {"integer", "decimal", "range"}
ANALYSED_TYPES = CHOICE_TYPES | NUMBER_TYPES | {"text", "acknowledge", "trigger"}
VI_KEYS = ("Vietnamese (vi)", "Tiếng Việt (vi)", "vi", "Vietnamese")


def pick_label(value: Any, default_language: str | None = None) -> str:
    """The Vietnamese label, else the default, else the form's default language, else any."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    for key in VI_KEYS:
        if value.get(key):
            return str(value[key])
    for key, text in value.items():
        if "(vi)" in key and text:
            return str(text)
    for lang in ("default", default_language):
        if lang and value.get(lang):
            return str(value[lang])
    return str(next((v for v in value.values() if v), ""))


@dataclass
class Choice:
    name: str
    label: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Question:
    name: str
    type: str
    label: str
    hint: str = ""
    required: str = ""  # "" / "true()" / an expression
    required_message: str = ""
    relevant: list[str] = field(default_factory=list)  # own and inherited, all must hold
    constraint: str = ""
    constraint_message: str = ""
    calculation: str = ""
    choice_filter: str = ""
    itemset: str = ""  # the attached file the choices come from (from-file, external)
    choices: list[Choice] = field(default_factory=list)
    appearance: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    default: str = ""
    group: str = ""  # enclosing group path, for display
    depth: int = 0
    in_repeat: bool = False
    kind: str = "question"  # question | begin | end

    @property
    def analysed(self) -> bool:
        return self.kind == "question" and self.type in ANALYSED_TYPES and not self.in_repeat


def _bind(node: dict[str, Any]) -> dict[str, Any]:
    return node.get("bind") or {}


def _required(value: Any) -> str:
    text = str(value or "").strip()
    if text.lower() in ("", "no", "false", "false()", "0"):
        return ""
    if text.lower() in ("yes", "true", "true()", "1"):
        return "true()"
    return text


def _parameters(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _itemset(node: dict[str, Any]) -> str:
    if node.get("type") == "select one external":
        return "itemsets.csv"
    name = str(node.get("itemset") or "")
    return name if name.lower().endswith((".csv", ".xml", ".geojson")) else ""


def questions(spec: dict[str, Any]) -> list[Question]:
    """Every question and group boundary, in form order."""
    language = spec.get("default_language")
    out: list[Question] = []

    def walk(
        nodes: list[dict[str, Any]], relevant: list[str], group: str, depth: int, repeat: bool
    ) -> None:
        for node in nodes:
            kind = node.get("type", "")
            bind = _bind(node)
            own = [*relevant, bind["relevant"]] if bind.get("relevant") else list(relevant)
            label = pick_label(node.get("label"), language)
            if kind == "group" and node.get("name") == "meta":
                continue
            if kind in ("group", "repeat"):
                path = f"{group}/{node['name']}" if group else node["name"]
                inner_repeat = repeat or kind == "repeat"
                out.append(
                    Question(
                        node["name"],
                        kind,
                        label,
                        kind="begin",
                        relevant=own,
                        group=group,
                        depth=depth,
                        in_repeat=inner_repeat,
                        appearance=str((node.get("control") or {}).get("appearance", "")),
                    )
                )
                walk(node.get("children") or [], own, path, depth + 1, inner_repeat)
                out.append(
                    Question(node["name"], kind, label, kind="end", group=group, depth=depth)
                )
                continue
            if kind in METADATA or node.get("name") == "meta":
                continue
            choices = [
                Choice(
                    str(c.get("name", "")),
                    pick_label(c.get("label"), language) or str(c.get("name", "")),
                    {k: str(v) for k, v in c.items() if k not in ("name", "label", "media")},
                )
                for c in node.get("choices") or []
            ]
            messages = bind.get("jr:constraintMsg") or ""
            out.append(
                Question(
                    name=node["name"],
                    type=kind,
                    label=label,
                    hint=pick_label(node.get("hint"), language),
                    required=_required(bind.get("required")),
                    required_message=pick_label(bind.get("jr:requiredMsg"), language),
                    relevant=own,
                    constraint=str(bind.get("constraint") or ""),
                    constraint_message=pick_label(messages, language),
                    calculation=str(bind.get("calculate") or ""),
                    choice_filter=str(node.get("choice_filter") or ""),
                    itemset=_itemset(node),
                    choices=choices,
                    appearance=str((node.get("control") or {}).get("appearance", "")),
                    parameters=_parameters(node.get("parameters")),
                    default=str(node.get("default") or ""),
                    group=group,
                    depth=depth,
                    in_repeat=repeat,
                )
            )

    walk(spec.get("children") or [], [], "", 0, False)
    return out


def has_repeat(spec: dict[str, Any]) -> bool:
    return any(q.type == "repeat" for q in questions(spec))


# ── the server's check of a submission ───────────────────────────────────
class AnswerErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


FILE_TYPES = {"image", "photo", "audio", "video", "file", "osm"}
GEO_TYPES = {"geopoint", "geotrace", "geoshape", "gps"}
MAX_TEXT = 5000


def _number_text(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _geo(kind: str, text: str) -> str:
    points = [p.strip() for p in text.split(";") if p.strip()]
    if not points or (kind in ("geopoint", "gps") and len(points) != 1):
        raise ValueError("Vị trí không hợp lệ.")
    for point in points:
        parts = point.split()
        if not 2 <= len(parts) <= 4:
            raise ValueError("Vị trí không hợp lệ.")
        try:
            lat, lon, *rest = (float(p) for p in parts)
        except ValueError as exc:
            raise ValueError("Vị trí không hợp lệ.") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not all(math.isfinite(x) for x in rest):
            raise ValueError("Vị trí không hợp lệ.")
    return "; ".join(points)


def _coerce(q: Question, raw: Any) -> Any:
    if q.type in ("select all that apply", "rank"):
        items = raw if isinstance(raw, list) else str(raw).split()
        return [str(i) for i in items if str(i)]
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return ""
    if q.type == "integer" or (q.type == "range" and not _decimal_range(q)):
        if not re.fullmatch(r"[-+]?\d{1,12}", text):
            raise ValueError("Hãy nhập một số nguyên.")
        return text.lstrip("+")
    if q.type in ("decimal", "range"):
        try:
            number = float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError("Hãy nhập một số.") from exc
        if not math.isfinite(number):
            raise ValueError("Hãy nhập một số.")
        return _number_text(number)
    if q.type == "date":
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError as exc:
            raise ValueError("Ngày không hợp lệ (năm-tháng-ngày).") from exc
    if q.type == "time":
        try:
            time.fromisoformat(text)
        except ValueError as exc:
            raise ValueError("Giờ không hợp lệ.") from exc
        return text
    if q.type in ("dateTime", "datetime"):
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise ValueError("Thời điểm không hợp lệ.") from exc
    if q.type in GEO_TYPES:
        return _geo(q.type, text)
    if q.type in FILE_TYPES:
        # The name of the file sent beside the instance (services.instance_submit).
        return text.replace("\\", "/").rsplit("/", 1)[-1][:255]
    if q.type in ("acknowledge", "trigger"):
        return "OK" if text.lower() in ("ok", "1", "true", "on", "yes") else ""
    if len(text) > MAX_TEXT:
        raise ValueError(f"Câu trả lời dài quá {MAX_TEXT} ký tự.")
    return text


def _decimal_range(q: Question) -> bool:
    return any("." in str(q.parameters.get(k, "")) for k in ("start", "end", "step"))


def _conditional(q: Question) -> bool:
    return bool(q.relevant)


def validate_answers(
    items: list[Question],
    raw: dict[str, Any],
    *,
    today: date | None = None,
    file_choices: dict[str, set[str]] | None = None,
) -> dict[str, Any]:
    """The stored answers for ``raw``, or :class:`AnswerErrors` naming each question.

    Checks what needs no XPath (docs/decisions/0004-survey-answer-checks.md): types,
    choices against the static list (for a list read from an attached file, the
    names in ``file_choices[file name]``; with a ``choice_filter``, the union of the
    list), required
    where it holds always, range bounds, text length. ``relevant``, ``constraint``
    and ``calculate`` are ODK's engines' (web and Collect): calculated values are
    stored as submitted, answers to questions the engine hid arrive empty.
    ``today`` is kept for callers; nothing here depends on the date any more.
    """
    del today
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    answerable = [q for q in items if q.kind == "question" and not q.in_repeat]
    for q in answerable:
        if q.type == "note":
            continue
        try:
            values[q.name] = _coerce(q, raw.get(q.name, ""))
        except ValueError as exc:
            errors[q.name] = str(exc)
            values[q.name] = ""
    for q in answerable:
        if q.type in ("calculate", "note") or q.name in errors:
            continue
        value = values[q.name]
        if value in ("", []):
            if q.required == "true()" and not _conditional(q):
                errors[q.name] = q.required_message or "Câu này bắt buộc trả lời."
            continue
        chosen = value if isinstance(value, list) else [value]
        allowed: set[str] | None = None
        if q.type in CHOICE_TYPES or q.type in ("rank", "select one external"):
            if not q.itemset:
                allowed = {c.name for c in q.choices}  # the union, filtered or not
            elif q.itemset and file_choices is not None and q.itemset in file_choices:
                # A filtered list from a file: the union of the file's names.
                allowed = file_choices[q.itemset]
        if allowed is not None and any(c not in allowed for c in chosen):
            errors[q.name] = "Lựa chọn không có trong danh sách."
            continue
        if q.type == "range":
            number = float(value)
            start = float(q.parameters.get("start", 1))
            end = float(q.parameters.get("end", 10))
            if not min(start, end) <= number <= max(start, end):
                errors[q.name] = (
                    f"Giá trị phải trong khoảng {_number_text(start)}–{_number_text(end)}."
                )
    if errors:
        raise AnswerErrors(errors)
    return {k: v for k, v in values.items() if v not in ("", [])}
