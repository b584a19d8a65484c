"""The extension registries: discovery by module name, order, and the span's guard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from duluan.core.extensions import NAV, Block, Figure, NavEntry, Registry, Span, register_nav


def test_registry_orders_entries_and_discovers_once() -> None:
    registry = Registry("no_such_module_anywhere")
    registry.register("b", "B", order=2)(lambda: "b")
    registry.register("a", "A", order=2)(lambda: "a")
    registry.register("z", "Z", order=1)(lambda: "z")
    assert [e.key for e in registry.entries()] == ["z", "a", "b"]
    assert registry.get("a").build() == "a"


def test_span_refuses_an_empty_window() -> None:
    start = datetime(2026, 10, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        Span(start, start)
    assert Span(start, datetime(2026, 11, 1, tzinfo=UTC)).first_day.month == 10


def test_block_figures_by_code() -> None:
    block = Block("k", "T", figures=[Figure("n", "Số", 3), Figure("small", "Nhỏ", None)])
    assert block.figure("n") == 3
    assert block.figure("small") is None
    with pytest.raises(KeyError):
        block.figure("missing")


def test_nav_registration_is_idempotent() -> None:
    entry = NavEntry("Thử", "home", order=999)
    register_nav(entry)
    register_nav(entry)
    assert NAV.count(entry) == 1
    NAV.remove(entry)
