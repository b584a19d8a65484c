"""The OpenRosa instance XML: the one way answers enter a survey.

ODK Collect posts it to the submission endpoint, the web form engine builds the
same document in the browser; both go through :func:`services.instance_submit`,
which reads it here.

Answers outside repeats come back as ``{question name: value}``. Repeat groups
come back as tables keyed by the repeat's path in the form (the names of its
enclosing groups and repeats, ``household/member``)::

    {"household": [{"_index": 1, "_parent_index": None, "head": "An"}, ...],
     "household/member": [{"_index": 1, "_parent_index": 1, "age": "34",
                           "needs": ["school", "health"]}, ...]}

one row per repeat instance, in document order: ``_index`` counts the rows of
that table in this submission from 1, ``_parent_index`` is the ``_index`` of
the enclosing repeat's row (``None`` for a repeat outside any repeat), the
fields are keyed by question name (a group inside a repeat is flattened into
its row), and a select-multiple answer is a list. The values are the raw text;
:func:`duluan.surveys.repeats.repeats_check` checks them before they are stored
under ``Response.data["_repeats"]``.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from . import forms_spec


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _path(q: forms_spec.Question) -> str:
    return f"{q.group}/{q.name}" if q.group else q.name


def parse_instance(
    xml: bytes, items: list[forms_spec.Question]
) -> tuple[str, str, str, dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """(form id, version, instance id, answers, repeat tables) from a submitted instance."""
    root: Element = ElementTree.fromstring(xml)
    form_id = root.get("id", "")
    version = root.get("version", "")
    by_path = {_path(q): q for q in items if q.kind == "question"}
    # Outside repeats a question is also found by its name alone (a client that
    # does not nest groups exactly as the form does still gets its answers read).
    by_name = {q.name: q for q in items if q.kind == "question" and not q.in_repeat}
    repeat_paths = {_path(q) for q in items if q.type == "repeat" and q.kind == "begin"}
    answers: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    instance_id = ""

    def value(q: forms_spec.Question, node: Element) -> Any:
        text = (node.text or "").strip()
        return text.split() if q.type == "select all that apply" else text

    def walk(node: Element, prefix: str, row: dict[str, Any] | None) -> None:
        nonlocal instance_id
        for child in node:
            name = _local(child.tag)
            path = f"{prefix}/{name}" if prefix else name
            if name == "meta" and row is None:
                for meta in child:
                    if _local(meta.tag) == "instanceID":
                        instance_id = (meta.text or "").strip()
                continue
            if any(_local(key) == "template" for key in child.attrib):
                continue  # the XForm's jr:template of a repeat, never an answer
            if path in repeat_paths:
                rows = tables.setdefault(path, [])
                parent = None if row is None else row["_index"]
                new: dict[str, Any] = {"_index": len(rows) + 1, "_parent_index": parent}
                rows.append(new)
                walk(child, path, new)
                continue
            if len(child):
                walk(child, path, row)
                continue
            question = by_path.get(path)
            if row is None:
                question = question or by_name.get(name)
                if question is not None and not question.in_repeat:
                    answers[question.name] = value(question, child)
            elif question is not None and question.in_repeat:
                row[question.name] = value(question, child)

    walk(root, "", None)
    return form_id, version, instance_id, answers, tables
