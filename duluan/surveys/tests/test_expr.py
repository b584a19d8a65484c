"""The XPath subset: the server's evaluator (the browser's is a port of it)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from duluan.surveys import expr


def run(text: str, current: str = "", **values: object) -> object:
    return expr.evaluate(text, expr.Context(values, current=current, today=date(2026, 11, 23)))


def run_with(text: str, values: dict[str, object]) -> object:
    return expr.evaluate(text, expr.Context(values, today=date(2026, 11, 23)))


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("${a} = 'co'", {"a": "co"}, True),
        ("${a} != ''", {"a": ""}, False),
        ("${n} > 18", {"n": "20"}, True),
        ("${n} > 18", {"n": ""}, False),  # unanswered: NaN compares false
        ("${n} = 5", {"n": "5.0"}, True),  # node vs number: numbers
        ("${a} = ${b}", {"a": "1", "b": "1.0"}, False),  # node vs node: strings
        ("selected(${m}, 'b') and not(selected(${m}, 'c'))", {"m": ["a", "b"]}, True),
        ("count-selected(${m}) >= 2", {"m": ["a", "b"]}, True),
        ("if(${n} > 10, 'lon', 'nho')", {"n": "11"}, "lon"),
        ("concat(${a}, '-', ${n} * 2)", {"a": "x", "n": "3"}, "x-6"),
        ("today() - ${d} > 365", {"d": "2020-01-01"}, True),
        ("${n} div 4 + 1 mod 3", {"n": "10"}, 3.5),
        ("-${n} < 0", {"n": "2"}, True),
        ("regex(${p}, '^0[0-9]{9}$')", {"p": "0912345678"}, True),
        ("coalesce(${a}, 'mac dinh')", {"a": ""}, "mac dinh"),
        ("string-length(${a}) = 3 or false()", {"a": "abc"}, True),
        ("round(${x}, 1)", {"x": "2.25"}, 2.3),
        ("selected(../m, 'a')", {"m": ["a"]}, True),
    ],
)
def test_evaluates_like_javarosa(text: str, values: dict[str, object], expected: object) -> None:
    assert run_with(text, values) == expected


def test_current_value_in_constraints() -> None:
    assert run(". >= 1 and . <= 10", current="7") is True
    assert run(". >= 1 and . <= 10", current="11") is False


def test_division_by_zero_is_infinite_not_an_error() -> None:
    assert math.isinf(run("1 div 0"))  # type: ignore[arg-type]


def test_choice_filter_reads_choice_columns() -> None:
    ctx = expr.Context({"tinh": "hn"}, choice={"name": "ba_dinh", "tinh": "hn"})
    assert expr.evaluate("tinh = ${tinh}", ctx) is True


@pytest.mark.parametrize(
    "text",
    [
        "pulldata('a', 'b', 'c', 'd')",
        "/data/a = 1",
        "position(..)",
        "indexed-repeat(${a}, ${r}, 1)",
    ],
)
def test_refuses_what_it_cannot_evaluate(text: str) -> None:
    with pytest.raises(expr.Unsupported):
        expr.parse(text)


def test_refuses_unreadable_text() -> None:
    with pytest.raises(expr.ExprError):
        expr.parse("${a} = ‘x’")
