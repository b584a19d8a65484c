from __future__ import annotations

import pytest

from duluan.core import measures


def test_a_code_defined_twice_differently_is_refused() -> None:
    measures.define("test_only_a", "Thử", "Định nghĩa thử.")
    measures.define("test_only_a", "Thử", "Định nghĩa thử.")  # same again: fine
    with pytest.raises(ValueError):
        measures.define("test_only_a", "Thử", "Định nghĩa khác.")


def test_every_registered_measure_has_a_vietnamese_label_and_definition() -> None:
    for entry in measures.all_measures():
        assert entry.label.strip(), entry.code
        assert entry.definition.strip().endswith("."), entry.code


def test_template_filter_reads_the_definition() -> None:
    from duluan.core.templatetags.vn import measure_definition

    measures.define("test_only_b", "Thử", "Số phản ánh thử.")
    assert measure_definition("test_only_b") == "Số phản ánh thử."
    assert measure_definition("no_such_code") == ""
