#!/usr/bin/env python
"""Print the app import graph as Mermaid and write it into docs/architecture.md.

    python scripts/import-graph.py          # rewrite the block between the markers
    python scripts/import-graph.py --print  # only print it
    python scripts/import-graph.py --check  # exit 1 when the docs are out of date

The layers and the reading of the source are in ``duluan/core/layers.py``;
``duluan/core/tests/test_import_graph.py`` fails when the docs differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duluan.core.layers import BEGIN, END, docs_block  # noqa: E402

DOC = ROOT / "docs" / "architecture.md"


def main(argv: list[str]) -> int:
    block = docs_block()
    if "--print" in argv:
        print(block)
        return 0
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    updated = text[:start] + block + text[end:]
    if "--check" in argv:
        if updated != text:
            print("docs/architecture.md: the import graph is out of date", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
