"""What goes where in the document, whatever its format: the page (Nghị định
30/2020/NĐ-CP, Phụ lục I), the sections that have something to say, the
figures not already stated by a table, and the definitions of the figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duluan.core.extensions import Block, Figure
from duluan.org.models import Unit

from ..choices import NARRATIVE_SECTIONS
from ..measures import measure_of

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ANNEX_TITLE = "CÁCH TÍNH CÁC SỐ LIỆU TRONG BÁO CÁO"
# The body above the tree's root: the province reports to the Tổng Liên đoàn.
TOP_BODY = "Tổng Liên đoàn Lao động Việt Nam"


# The header's left column holds about this many capitals of size 12 on a line.
HEADER_LINE_CHARS = 28
_COMMON_SHORT = [("Tổng Liên đoàn Lao động", "Tổng LĐLĐ"), ("Liên đoàn Lao động", "LĐLĐ")]


def header_superior(name: str) -> str:
    """The superior body as the header writes it: whole when it fits on a line, else
    with the common abbreviations the decree allows ("LĐLĐ tỉnh Sông Hồng")."""
    if len(name) <= HEADER_LINE_CHARS:
        return name
    for long, short in _COMMON_SHORT:
        if long.lower() in name.lower():
            start = name.lower().index(long.lower())
            return name[:start] + short + name[start + len(long) :]
    return name


@dataclass(frozen=True)
class Page:
    """A4 and the margins, in mm (the decree: top and bottom 20-25, left 30-35,
    right 15-20)."""

    width: int = 210
    height: int = 297
    top: int = 20
    bottom: int = 20
    left: int = 30
    right: int = 15


PAGE = Page()

# The narrative section a data block belongs to (every other block: the situation).
BLOCK_SECTION = {"hot_spot": "issues", "nlp.issues": "issues", "matters": "results"}

_ADMINISTRATIVE = re.compile(
    r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường)\s+", re.IGNORECASE
)
_PLACE_IN_NAME = re.compile(r"(?:tỉnh|thành phố)\s+(.+)$", re.IGNORECASE)


def strip_administrative(place: str) -> str:
    """ "tỉnh Sông Hồng" → "Sông Hồng" (the decree's examples write the name alone)."""
    return _ADMINISTRATIVE.sub("", (place or "").strip()).strip()


def place_name(unit: Unit) -> str:
    """The place name of the date line, as the decree writes it ("Sông Hồng", not
    "tỉnh Sông Hồng"): the unit's own area when it names a province or city, else
    the nearest ancestor's, else the province or city in a name up the tree."""
    chain = [unit, *reversed(list(unit.get_ancestors()))]
    for each in chain:
        area = (each.area or "").split(",")[-1].strip()
        if area and re.match(r"^(?:tỉnh|thành phố)\s", area, re.IGNORECASE):
            return strip_administrative(area)
    for each in chain:
        found = _PLACE_IN_NAME.search(each.name or "")
        if found:
            return found.group(1).strip()
    return strip_administrative((unit.area or "").split(",")[-1])


@dataclass
class Section:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def same_title(caption: str, title: str) -> bool:
    """A table's caption that only repeats its block's heading (printed once)."""
    return " ".join(caption.split()).casefold() == " ".join(title.split()).casefold()


def _has_content(block: Block) -> bool:
    return bool(block.paragraphs or block.tables or any(f.value for f in block.figures))


def document_sections(data: object) -> list[Section]:
    """The narrative sections in order, each with the officer's text and the data
    blocks that belong to it; a section with neither is left out (the caller
    numbers what remains). A line equal to a block's paragraph is said once."""
    narrative: dict[str, str] = getattr(data, "narrative", {})
    blocks: list[Block] = getattr(data, "blocks", [])
    sections = {
        key: Section(
            key=key,
            title=title,
            lines=[line.strip() for line in narrative.get(key, "").splitlines() if line.strip()],
        )
        for key, title in NARRATIVE_SECTIONS
    }
    for block in blocks:
        if _has_content(block):
            sections[BLOCK_SECTION.get(block.key, "situation")].blocks.append(block)
    said = {p for block in blocks for p in block.paragraphs}
    for section in sections.values():
        section.lines = [line for line in section.lines if line not in said]
    return [s for s in sections.values() if s.lines or s.blocks]


def _stated_in_tables(figure: Figure, block: Block) -> bool:
    """A row of the block's tables already gives this figure: its first cell names
    it (the label, or the start of the label) and a cell holds its value."""
    for table in block.tables:
        for row in table.rows:
            if not row or not isinstance(row[0], str) or not row[0]:
                continue
            if figure.label.startswith(row[0]) and figure.value in row[1:]:
                return True
    return False


def figures_to_list(block: Block, listed: set[str] | None = None) -> list[Figure]:
    """The block's figures a reader would not find in its tables nor in a figure
    list above (``listed``: codes already given, updated here); zeros and hidden
    values are left out (the list says what happened; the tables keep their zeros)."""
    listed = set() if listed is None else listed
    out = []
    for figure in block.figures:
        if figure.code in listed or not figure.value:
            continue
        if _stated_in_tables(figure, block):
            continue
        listed.add(figure.code)
        out.append(figure)
    return out


def annex_rows(sections: list[Section]) -> list[list[str]]:
    """One row per measure the document shows (a family once), in order of appearance."""
    return measure_rows([block for section in sections for block in section.blocks])


def measure_rows(blocks: list[Block]) -> list[list[str]]:
    """Label and definition of each measure with a value in ``blocks``, once each."""
    rows: list[list[str]] = []
    seen: set[str] = set()
    for block in blocks:
        for figure in block.figures:
            if not figure.value:
                continue
            measure = measure_of(figure.code)
            if measure is None or measure.code in seen:
                continue
            seen.add(measure.code)
            rows.append([measure.label, measure.definition])
    return rows
