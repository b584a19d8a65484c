"""The OpenRosa instance XML: the one way answers enter a survey.

ODK Collect posts it to the submission endpoint, the web form engine builds the
same document in the browser; both go through :func:`services.instance_submit`,
which reads it here.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from . import forms_spec


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_instance(
    xml: bytes, items: list[forms_spec.Question]
) -> tuple[str, str, str, dict[str, Any], dict[str, Any]]:
    """(form id, version, instance id, answers, repeats) from a submitted instance."""
    root: Element = ElementTree.fromstring(xml)
    form_id = root.get("id", "")
    version = root.get("version", "")
    kinds = {q.name: q for q in items if q.kind == "question"}
    repeats = {q.name for q in items if q.type == "repeat" and q.kind == "begin"}
    answers: dict[str, Any] = {}
    repeat_rows: dict[str, list[dict[str, str]]] = {}
    instance_id = ""

    def walk(node: Element) -> None:
        nonlocal instance_id
        for child in node:
            name = _local(child.tag)
            if name == "meta":
                for meta in child:
                    if _local(meta.tag) == "instanceID":
                        instance_id = (meta.text or "").strip()
                continue
            if name in repeats:
                repeat_rows.setdefault(name, []).append(
                    {
                        _local(c.tag): (c.text or "").strip()
                        for c in child.iter()
                        if c is not child and len(c) == 0
                    }
                )
                continue
            if len(child):
                walk(child)
                continue
            question = kinds.get(name)
            if question is None:
                continue
            text = (child.text or "").strip()
            answers[name] = text.split() if question.type == "select all that apply" else text

    walk(root)
    return form_id, version, instance_id, answers, repeat_rows
