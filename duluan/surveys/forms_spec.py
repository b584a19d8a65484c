"""The pyxform JSON tree as duluan renders, validates and analyses it.

:func:`questions` flattens the tree into :class:`Question` rows (groups give
their ``relevant`` to their children); :func:`validate_answers` is the server's
authority over a submission: it drops answers to hidden questions, recomputes
``calculate`` fields and checks required, types, choices and constraints with
the same expressions the browser evaluated.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from . import expr

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
                    choices=choices,
                    appearance=str((node.get("control") or {}).get("appearance", "")),
                    parameters=dict(node.get("parameters") or {}),
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


def _labels(items: list[Question]) -> dict[tuple[str, str], str]:
    return {(q.name, c.name): c.label for q in items for c in q.choices}


def _is_relevant(q: Question, ctx: expr.Context) -> bool:
    return all(expr.to_bool(expr.evaluate(r, ctx)) for r in q.relevant)


def visible_choices(q: Question, ctx: expr.Context) -> list[Choice]:
    if not q.choice_filter:
        return q.choices
    out = []
    for choice in q.choices:
        probe = expr.Context(
            ctx.values,
            labels=ctx.labels,
            today=ctx.today,
            choice={"name": choice.name, **choice.attrs},
        )
        if expr.to_bool(expr.evaluate(q.choice_filter, probe)):
            out.append(choice)
    return out


def _coerce(q: Question, raw: Any) -> Any:
    if q.type == "select all that apply":
        items = raw if isinstance(raw, list) else str(raw).split()
        return [str(i) for i in items if str(i)]
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return ""
    if q.type == "integer" or (q.type == "range" and not _decimal_range(q)):
        if not re.fullmatch(r"-?\d{1,12}", text):
            raise ValueError("Hãy nhập một số nguyên.")
        return text.lstrip("+")
    if q.type in ("decimal", "range"):
        try:
            number = float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError("Hãy nhập một số.") from exc
        if not math.isfinite(number):
            raise ValueError("Hãy nhập một số.")
        return expr.to_string(number)
    if q.type == "date":
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError as exc:
            raise ValueError("Ngày không hợp lệ (năm-tháng-ngày).") from exc
    if q.type in ("dateTime", "datetime"):
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise ValueError("Thời điểm không hợp lệ.") from exc
    if q.type in ("acknowledge", "trigger"):
        return "OK" if text.lower() in ("ok", "1", "true", "on", "yes") else ""
    return text[:5000]


def _decimal_range(q: Question) -> bool:
    return any("." in str(q.parameters.get(k, "")) for k in ("start", "end", "step"))


def validate_answers(
    items: list[Question], raw: dict[str, Any], *, today: date | None = None
) -> dict[str, Any]:
    """The stored answers for ``raw``, or :class:`AnswerErrors` naming each question."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    labels = _labels(items)
    ctx = expr.Context(values, labels=labels, today=today)
    answerable = [q for q in items if q.kind == "question" and not q.in_repeat]
    # Values first (relevance may look forward), then two passes so later answers settle.
    for q in answerable:
        if q.type == "calculate" or q.type == "note":
            continue
        try:
            values[q.name] = _coerce(q, raw.get(q.name, ""))
        except ValueError as exc:
            errors[q.name] = str(exc)
            values[q.name] = ""
    for _pass in range(2):
        for q in answerable:
            if q.calculation:
                try:
                    result = expr.evaluate(q.calculation, ctx)
                except (expr.ExprError, ValueError, ZeroDivisionError, OverflowError):
                    result = ""
                values[q.name] = expr.to_string(result) if result != "" else ""
        for q in answerable:
            if q.type not in ("calculate", "note") and not _is_relevant(q, ctx):
                values[q.name] = [] if q.type == "select all that apply" else ""
    for q in answerable:
        if q.type in ("calculate", "note") or q.name in errors:
            continue
        if not _is_relevant(q, ctx):
            continue
        value = values[q.name]
        empty = value in ("", [])
        if empty:
            if q.required and expr.to_bool(expr.evaluate(q.required, ctx)):
                errors[q.name] = q.required_message or "Câu này bắt buộc trả lời."
            continue
        if q.type in CHOICE_TYPES:
            allowed = {c.name for c in visible_choices(q, ctx)}
            chosen = value if isinstance(value, list) else [value]
            if any(c not in allowed for c in chosen):
                errors[q.name] = "Lựa chọn không có trong danh sách."
                continue
        if q.type == "range":
            number = float(value)
            start = float(q.parameters.get("start", 1))
            end = float(q.parameters.get("end", 10))
            if not min(start, end) <= number <= max(start, end):
                errors[q.name] = (
                    f"Giá trị phải trong khoảng {expr.to_string(start)}–{expr.to_string(end)}."
                )
                continue
        if q.constraint:
            ok = expr.to_bool(
                expr.evaluate(
                    q.constraint, expr.Context(values, current=value, labels=labels, today=today)
                )
            )
            if not ok:
                errors[q.name] = q.constraint_message or "Câu trả lời không hợp lệ."
    if errors:
        raise AnswerErrors(errors)
    return {k: v for k, v in values.items() if v not in ("", [])}
