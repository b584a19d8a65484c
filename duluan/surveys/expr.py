"""The XPath subset of XLSForm expressions that duluan evaluates (server side).

``relevant``, ``constraint``, ``required``, ``calculation`` and ``choice_filter``
are XPath 1.0 expressions over the form's answers, written with ``${name}``
references. The web form evaluates the same grammar in ``static/surveys/form.js``
(a line-for-line port) as the person answers; this module is the authority that
re-checks every submission. An expression outside the subset is refused on
import (:class:`Unsupported`), so what is accepted is always evaluated.

Semantics follow XPath 1.0 as JavaRosa applies them: a reference is a node
(its string value; empty when unanswered or hidden); ``=`` between a node and a
number compares numbers, between strings compares strings; ``<``/``>`` compare
numbers; ``YYYY-MM-DD`` strings become days since 1970-01-01 when a number is
needed (so ``today() - ${dob}`` works).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

TOKEN = re.compile(
    r"""\s*(?:
    (?P<ref>\$\{[A-Za-z_][\w.\-]*\})
  | (?P<up>\.\./[A-Za-z_][\w.\-]*)
  | (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,|\|)
  | (?P<name>[A-Za-z_][\w\-]*(?::[A-Za-z_][\w\-]*)?)
  | (?P<dot>\.\.|\.)
  | (?P<other>\S)
)""",
    re.VERBOSE,
)

FUNCTIONS = {
    "if",
    "concat",
    "coalesce",
    "selected",
    "count-selected",
    "selected-at",
    "string-length",
    "not",
    "true",
    "false",
    "number",
    "int",
    "round",
    "string",
    "boolean",
    "contains",
    "starts-with",
    "ends-with",
    "substr",
    "today",
    "now",
    "regex",
    "jr:choice-name",
    "choice-label",
    "once",
    "floor",
    "ceiling",
    "abs",
    "min",
    "max",
    "pow",
    "normalize-space",
    "translate",
    "boolean-from-string",
    "date",
    "decimal-date",
    "uuid",
}
KEYWORD_OPS = {"and", "or", "div", "mod"}


class ExprError(ValueError):
    """The expression cannot be read."""


class Unsupported(ExprError):
    """Readable XPath, but outside what duluan evaluates."""


@dataclass(frozen=True)
class Node:
    kind: str  # num, str, ref, dot, call, bin, neg
    value: Any = None
    args: tuple[Node, ...] = ()


class Nodeval(str):
    """The string value of a referenced answer (XPath node-set semantics)."""


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
        kind = match.lastgroup or "other"
        value = match.group(kind)
        if kind == "other":
            raise ExprError(f"ký tự không đọc được: {value!r}")
        if kind == "name" and value in KEYWORD_OPS:
            kind = "op"
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str, *, attrs: bool = False) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.attrs = attrs  # choice_filter: a bare name is a column of the choices sheet

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ExprError(f"thiếu {value or 'toán hạng'}")
        self.i += 1
        return token

    def binary(self, ops: set[str], lower: Callable[[], Node]) -> Node:
        left = lower()
        while (tok := self.peek()) is not None and tok[0] == "op" and tok[1] in ops:
            self.i += 1
            left = Node("bin", tok[1], (left, lower()))
        return left

    def parse(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            raise ExprError(f"thừa {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def or_(self) -> Node:
        return self.binary({"or"}, self.and_)

    def and_(self) -> Node:
        return self.binary({"and"}, self.eq)

    def eq(self) -> Node:
        return self.binary({"=", "!="}, self.rel)

    def rel(self) -> Node:
        return self.binary({"<", "<=", ">", ">="}, self.add)

    def add(self) -> Node:
        return self.binary({"+", "-"}, self.mul)

    def mul(self) -> Node:
        return self.binary({"*", "div", "mod"}, self.unary)

    def unary(self) -> Node:
        tok = self.peek()
        if tok == ("op", "-"):
            self.i += 1
            return Node("neg", None, (self.unary(),))
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return Node("num", float(value))
        if kind == "str":
            return Node("str", value[1:-1])
        if kind == "ref":
            return Node("ref", value[2:-1])
        if kind == "up":  # pyxform's "../name" (or_other): a sibling, i.e. ${name}
            return Node("ref", value[3:])
        if kind == "dot":
            if value == "..":
                raise Unsupported("đường dẫn '..'")
            return Node("dot")
        if kind == "op" and value == "(":
            node = self.or_()
            self.take(")")
            return node
        if kind == "name":
            if self.peek() != ("op", "(") and self.attrs and ":" not in value:
                return Node("attr", value)
            if self.peek() != ("op", "("):
                raise Unsupported(f"đường dẫn XPath '{value}'")
            self.i += 1
            if value not in FUNCTIONS:
                raise Unsupported(f"hàm {value}()")
            args: list[Node] = []
            if self.peek() != ("op", ")"):
                args.append(self.or_())
                while self.peek() == ("op", ","):
                    self.i += 1
                    args.append(self.or_())
            self.take(")")
            return Node("call", value, tuple(args))
        if value == "/":
            raise Unsupported("đường dẫn tuyệt đối")
        raise ExprError(f"không đọc được {value!r}")


_CACHE: dict[str, Node] = {}


def parse(text: str, *, attrs: bool = False) -> Node:
    """The syntax tree of ``text``; raises :class:`ExprError` / :class:`Unsupported`.

    ``attrs``: a ``choice_filter``, where bare names are columns of the choice row."""
    if re.search(r"(^|[\s(,=])/", text):
        raise Unsupported("đường dẫn tuyệt đối")
    key = f"{int(attrs)}{text}"
    node = _CACHE.get(key)
    if node is None:
        node = _Parser(text, attrs=attrs).parse()
        if len(_CACHE) < 10_000:
            _CACHE[key] = node
    return node


def references(text: str) -> set[str]:
    return set(re.findall(r"\$\{([A-Za-z_][\w.\-]*)\}", text))


# ── values ────────────────────────────────────────────────────────────────
_EPOCH = date(1970, 1, 1)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def to_number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if _DATE.match(text):
        try:
            return float((date.fromisoformat(text[:10]) - _EPOCH).days)
        except ValueError:
            return math.nan
    try:
        return float(text) if text else math.nan
    except ValueError:
        return math.nan


def to_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
    return str(value)


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return not (value == 0 or math.isnan(value))
    return str(value) != ""


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            same = to_bool(left) == to_bool(right)
        elif isinstance(left, float) or isinstance(right, float):
            same = to_number(left) == to_number(right)
        else:
            same = to_string(left) == to_string(right)
        return same if op == "=" else not same
    a, b = to_number(left), to_number(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


@dataclass
class Context:
    """The answers an expression reads: ``values[name]`` is a string or a list (multiple)."""

    values: Mapping[str, Any]
    current: Any = ""
    labels: Mapping[tuple[str, str], str] | None = None  # (question, choice) -> label
    today: date | None = None
    choice: Mapping[str, str] | None = None  # the choice row a choice_filter is tested on

    def get(self, name: str) -> Nodeval:
        value = self.values.get(name, "")
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        return Nodeval("" if value is None else value)


def evaluate(text: str, ctx: Context) -> Any:
    return _eval(parse(text, attrs=ctx.choice is not None), ctx)


def _eval(node: Node, ctx: Context) -> Any:
    kind = node.kind
    if kind in ("num", "str"):
        return node.value
    if kind == "ref":
        return ctx.get(node.value)
    if kind == "attr":
        return Nodeval((ctx.choice or {}).get(node.value, ""))
    if kind == "dot":
        current = ctx.current
        if isinstance(current, list):
            current = " ".join(current)
        return Nodeval("" if current is None else current)
    if kind == "neg":
        return -to_number(_eval(node.args[0], ctx))
    if kind == "bin":
        op = node.value
        if op == "or":
            return to_bool(_eval(node.args[0], ctx)) or to_bool(_eval(node.args[1], ctx))
        if op == "and":
            return to_bool(_eval(node.args[0], ctx)) and to_bool(_eval(node.args[1], ctx))
        left, right = _eval(node.args[0], ctx), _eval(node.args[1], ctx)
        if op in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(op, left, right)
        a, b = to_number(left), to_number(right)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "div":
            return (
                a / b
                if b
                else (math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a))
            )
        if op == "mod":
            return math.fmod(a, b) if b else math.nan
    if kind == "call":
        return _call(node.value, node.args, ctx)
    raise ExprError(kind)


def _call(name: str, args: tuple[Node, ...], ctx: Context) -> Any:
    if name == "if":
        cond = to_bool(_eval(args[0], ctx))
        return _eval(args[1] if cond else args[2], ctx)
    values = [_eval(a, ctx) for a in args]
    if name == "concat":
        return "".join(to_string(v) for v in values)
    if name == "coalesce":
        first = to_string(values[0])
        return first if first else to_string(values[1])
    if name == "selected":
        return to_string(values[1]).strip() in to_string(values[0]).split()
    if name == "count-selected":
        return float(len(to_string(values[0]).split()))
    if name == "selected-at":
        parts = to_string(values[0]).split()
        index = int(to_number(values[1]))
        return parts[index] if 0 <= index < len(parts) else ""
    if name == "string-length":
        return float(len(to_string(values[0] if values else ctx.current)))
    if name == "not":
        return not to_bool(values[0])
    if name == "true":
        return True
    if name == "false":
        return False
    if name == "number":
        return to_number(values[0])
    if name == "int":
        number = to_number(values[0])
        return float(math.trunc(number)) if math.isfinite(number) else number
    if name == "round":
        number = to_number(values[0])
        digits = int(to_number(values[1])) if len(values) > 1 else 0
        if not math.isfinite(number):
            return number
        factor = 10.0**digits
        return math.floor(number * factor + 0.5) / factor
    if name == "floor":
        return float(math.floor(to_number(values[0])))
    if name == "ceiling":
        return float(math.ceil(to_number(values[0])))
    if name == "abs":
        return abs(to_number(values[0]))
    if name in ("min", "max"):
        numbers = [to_number(v) for v in values]
        return (min if name == "min" else max)(numbers) if numbers else math.nan
    if name == "pow":
        return to_number(values[0]) ** to_number(values[1])
    if name == "string":
        return to_string(values[0])
    if name == "boolean":
        return to_bool(values[0])
    if name == "boolean-from-string":
        return to_string(values[0]) in ("true", "1")
    if name == "contains":
        return to_string(values[1]) in to_string(values[0])
    if name == "starts-with":
        return to_string(values[0]).startswith(to_string(values[1]))
    if name == "ends-with":
        return to_string(values[0]).endswith(to_string(values[1]))
    if name == "substr":
        text = to_string(values[0])
        start = int(to_number(values[1]))
        end = int(to_number(values[2])) if len(values) > 2 else len(text)
        return text[start:end]
    if name == "normalize-space":
        return " ".join(to_string(values[0]).split())
    if name == "translate":
        text, src, dst = (to_string(v) for v in values)
        table = {ord(c): (dst[i] if i < len(dst) else None) for i, c in enumerate(src)}
        return text.translate(table)
    if name == "today":
        return (ctx.today or date.today()).isoformat()
    if name == "now":
        return datetime.now().isoformat(timespec="seconds")
    if name in ("date", "decimal-date"):
        value = values[0]
        if isinstance(value, float):
            return (date.fromordinal(_EPOCH.toordinal() + int(value))).isoformat()
        return to_string(value) if name == "date" else to_number(value)
    if name == "regex":
        try:
            return re.search(to_string(values[1]), to_string(values[0])) is not None
        except re.error:
            return False
    if name in ("jr:choice-name", "choice-label"):
        question = str(args[1].value).removeprefix("${").removesuffix("}")
        return (ctx.labels or {}).get((question, to_string(values[0])), "")
    if name == "once":
        return values[0]
    if name == "uuid":
        import uuid

        return str(uuid.uuid4())
    raise Unsupported(f"hàm {name}()")
