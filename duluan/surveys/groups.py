"""Rules on a form's groups that pyxform 4 or ODK Collect apply and older tools did not.

CHT's converter (an older pyxform) takes a group named ``meta`` and an
``instance::tag`` column, which pyxform 4 refuses or cannot write: each is made plain
with a warning when nothing is lost. A group shown or hidden by a question inside it
pyxform takes, but JavaRosa (ODK Collect) refuses the form ("Cycle detected in form's
relevant and calculation logic"): it is refused at import, with its row named.
"""

from __future__ import annotations

import re

from .xlsform import EXPRESSION_COLUMNS, Issue, _base, _type_of
from .xpath_names import STRINGS

# An instance attribute pyxform cannot write (its node() takes ``tag`` as the element).
INSTANCE_TAG = "instance::tag"
META_RENAMED = "meta_group"
# ``meta`` as a step of a path (``../meta/x``) in an expression.
_META_WORD = re.compile(r"(?<![\w$.:-])meta(?![\w.:-])")


def rename_meta(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """A group named ``meta`` (CHT's converter and older pyxform took it; pyxform 4
    keeps the name for ODK's own metadata block) renamed ``meta_group``, when no
    expression names it (``${meta}`` or a path through it) and no question already has
    that name."""
    groups = [
        index
        for index, row in enumerate(rows)
        if row.get("name", "").strip() == "meta"
        and _type_of(row.get("type", "")) in ("begin group", "begin repeat")
    ]
    if not groups or any(row.get("name", "").strip() == META_RENAMED for row in rows):
        return rows, []
    for row in rows:
        for column, value in row.items():
            named = "${meta}" in value
            if named or (_base(column) in EXPRESSION_COLUMNS and _META_WORD.search(value)):
                return rows, []
    out = [dict(row) for row in rows]
    notes = []
    for index, row in enumerate(out):
        if row.get("name", "").strip() == "meta" and _type_of(row.get("type", "")) in (
            "begin group",
            "begin repeat",
            "end group",
            "end repeat",
        ):
            row["name"] = META_RENAMED
            if index in groups:
                notes.append(
                    f"Trang 'survey', dòng {index + 2}: nhóm tên 'meta' (tên ODK dành cho "
                    f"siêu dữ liệu của phiếu) được đổi thành '{META_RENAMED}'"
                )
    return out, notes


def drop_instance_tag(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """CHT's ``instance::tag`` column (it hides a field in CHT's report view) dropped:
    pyxform 4 cannot write an instance attribute named ``tag``, and neither ODK Collect
    nor duluan reads it."""
    tagged = [index + 2 for index, row in enumerate(rows) if INSTANCE_TAG in row]
    if not tagged:
        return rows, []
    note = (
        f"Trang 'survey', cột '{INSTANCE_TAG}' (dòng {', '.join(map(str, tagged))}): "
        "thuộc tính 'tag' của CHT (ẩn trường trong báo cáo CHT) được bỏ: pyxform không "
        "ghi được thuộc tính tên 'tag', ODK Collect và duluan không dùng nó"
    )
    return [{k: v for k, v in row.items() if k != INSTANCE_TAG} for row in rows], [note]


_REFERENCES = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}|(?<![\w.])\./([A-Za-z_][\w.-]*)")


def relevance_cycles(workbook: dict[str, list[dict[str, str]]]) -> list[Issue]:
    """Groups and repeats shown or hidden by a question inside them: JavaRosa (ODK
    Collect) refuses such a form ("Cycle detected in form's relevant and calculation
    logic"), since the question's own relevance follows its group's."""
    issues: list[Issue] = []
    open_groups: list[tuple[int, dict[str, str], set[str]]] = []
    for index, row in enumerate(workbook.get("survey") or []):
        kind = _type_of(row.get("type", ""))
        if kind in ("end group", "end repeat") and open_groups:
            line, group, inside = open_groups.pop()
            for column, value in group.items():
                if _base(column) != "relevant":
                    continue
                names = [a or b for a, b in _REFERENCES.findall(STRINGS.sub("''", value))]
                for name in dict.fromkeys(n for n in names if n in inside):
                    issues.append(
                        Issue(
                            "survey",
                            line,
                            column,
                            f"nhóm '{group.get('name', '')}' hiện hay ẩn theo câu '{name}' "
                            "nằm trong chính nó: ODK Collect báo vòng lặp (cycle) và không "
                            "mở được biểu mẫu",
                        )
                    )
            continue
        name = row.get("name", "").strip()
        for _, _, inside in open_groups:
            if name:
                inside.add(name)
        if kind in ("begin group", "begin repeat"):
            open_groups.append((index + 2, row, set()))
    return sorted(issues, key=lambda i: i.row or 0)
