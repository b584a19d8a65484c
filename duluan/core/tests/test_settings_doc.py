"""Every DULUAN_* variable that settings read is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_variable_is_documented() -> None:
    # The file storage's variables are read in duluan/core/storage.py, for settings.py.
    readers = [ROOT / "config" / "settings.py", ROOT / "duluan" / "core" / "storage.py"]
    source = "\n".join(path.read_text(encoding="utf-8") for path in readers)
    names = set(
        re.findall(r'(?:env_(?:str|bool|int|list|secret)|_secret)\(\s*"([A-Z0-9_]+)"', source)
    )
    assert names, "no env reads found: the pattern is out of date"
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = sorted(
        n for n in names if f"`DULUAN_{n}`" not in doc and f"`DULUAN_{n}` /" not in doc
    )
    assert not missing, f"document these in docs/settings.md: {missing}"
