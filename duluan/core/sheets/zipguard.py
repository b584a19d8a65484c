"""Checks on an .xlsx before any XML reader sees it, in bounded memory.

An .xlsx is a zip of XML parts. Three cheap files can still exhaust a server:

* a zip bomb: a few kilobytes that inflate to gigabytes (or many entries
  pointing at one compressed kernel);
* a sparse sheet: two cells, at A1 and at XFD1048576, make calamine allocate
  the dense rectangle between them (a 5 KB file asks for hundreds of GB);
* a DTD with entities (billion laughs, XXE); calamine does not expand them,
  but no spreadsheet needs one, so it is refused outright.

So every entry is inflated here first, in chunks, against its declared size
and CRC, and its XML is scanned for the farthest non-empty cell, before the
bytes are handed to calamine.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

from .cells import vn_int
from .errors import ImportRefused

MAX_ENTRIES = 2000
MAX_RATIO = 200  # per entry, once it inflates past RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_COLUMNS = 26  # data in A..Z only
CHUNK = 4 * 1024 * 1024
INPUT_SLICE = 64 * 1024
MAX_CARRY = 1024 * 1024

BOMB = (
    "Tệp .xlsx bị từ chối: dữ liệu giải nén quá lớn hoặc tỉ lệ nén bất thường "
    "(nghi là tệp «bom nén»)."
)
CORRUPT = "Tệp .xlsx bị hỏng hoặc không đọc được. Hãy mở bằng Excel và lưu lại."
DTD = "Tệp .xlsx bị từ chối: chứa khai báo DOCTYPE/ENTITY, điều mà bảng tính hợp lệ không có."
TOO_WIDE = f"Bảng tính có dữ liệu ở quá nhiều cột (tối đa {MAX_COLUMNS} cột, từ A đến Z)."
NOT_XLSX = "Tệp nén này không phải bảng tính Excel (.xlsx)."
NOT_ODS = "Tệp OpenDocument (.ods) chưa được hỗ trợ; hãy lưu lại dưới dạng Excel (.xlsx) hoặc CSV."
ENCRYPTED = "Tệp .xlsx có mật khẩu hoặc được mã hoá; hãy bỏ mật khẩu rồi lưu lại."

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Cells and rows written with a namespace prefix (<x:c>) take the slow path.
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
# Every "<c..." tag that is not '<c r="': column tags, cfRule... or a cell
# whose r is not first (or missing), which again takes the slow path.
_OTHER_C = re.compile(rb'<c(?! r=")([\w.-]*)')
# A non-empty cell (not "<c .../>") in column AA or beyond.
_WIDE = re.compile(rb'<c r="[A-Za-z]{2,}\d+"[^<>]*(?<!/)>')
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^<>]*)>")
_ATTR_R = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?r\s*=\s*["']([^"']*)["']""")
_REF = re.compile(rb"([A-Za-z]{1,3})(\d{1,7})")


def too_many_rows(max_rows: int) -> str:
    return f"Tệp có hơn {vn_int(max_rows)} dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn."


def check_xlsx(content: bytes, *, max_rows: int, max_uncompressed: int) -> None:
    """Refuse an .xlsx that is not one, is a bomb, or would make the reader
    allocate more than ``max_rows`` x 26 cells. Raises :class:`ImportRefused`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ImportRefused(CORRUPT) from exc
    if len(entries) > MAX_ENTRIES:
        raise ImportRefused(BOMB)
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused(NOT_ODS if "content.xml" in names else NOT_XLSX)
    if sum(entry.file_size for entry in entries) > max_uncompressed:
        raise ImportRefused(BOMB)
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ImportRefused(ENCRYPTED)
        if entry.file_size > RATIO_FLOOR and entry.file_size > entry.compress_size * MAX_RATIO:
            raise ImportRefused(BOMB)
    # A header row and a few blank or title rows above it are allowed too.
    row_limit = max_rows + 100
    for entry in entries:
        try:
            _scan(content, entry, row_limit, fast=True)
        except _NeedSlowScan:
            _scan(content, entry, row_limit, fast=False)


class _NeedSlowScan(Exception):
    pass


def _scan(content: bytes, entry: zipfile.ZipInfo, row_limit: int, *, fast: bool) -> None:
    scanner = _FastScan(row_limit) if fast else _SlowScan(row_limit)
    carry = b""
    for piece in _inflate(content, entry):
        block = carry + piece if carry else piece
        # Hold back a tag cut in two by the chunk boundary; patterns never span "<".
        cut = block.rfind(b"<")
        if cut == -1 or block.find(b">", cut) != -1:
            cut = len(block)
        if len(block) - cut > MAX_CARRY:
            raise ImportRefused(CORRUPT)
        scanner.feed(block[:cut])
        carry = block[cut:]
    scanner.feed(carry)


class _FastScan:
    """The usual file: every cell tag starts '<c r="A1"'. Counting and a few
    literal-prefixed searches do in C what a per-cell loop would do in Python."""

    def __init__(self, row_limit: int) -> None:
        self.row_limit = row_limit
        digits = len(str(row_limit))
        self.tall = re.compile(rb'<c r="[A-Za-z]+0*([1-9]\d{%d,})"[^<>]*(?<!/)>' % (digits - 1))

    def feed(self, block: bytes) -> None:
        if not block:
            return
        if _DTD.search(block):
            raise ImportRefused(DTD)
        if _PREFIXED.search(block):
            raise _NeedSlowScan
        if block.count(b"<c") != block.count(b'<c r="') and b"" in _OTHER_C.findall(block):
            raise _NeedSlowScan
        if _WIDE.search(block):
            raise ImportRefused(TOO_WIDE)
        for row in self.tall.findall(block):
            if int(row) > self.row_limit:
                raise ImportRefused(too_many_rows(self.row_limit - 100))


class _SlowScan:
    """Any other layout: follow rows and cells one by one, as a reader would,
    including cells without an ``r`` (placed after the previous one)."""

    def __init__(self, row_limit: int) -> None:
        self.row_limit = row_limit
        self.row = 0
        self.col = 0

    def feed(self, block: bytes) -> None:
        if not block:
            return
        if _DTD.search(block):
            raise ImportRefused(DTD)
        for match in _TAG.finditer(block):
            name, attrs = match.group(1), match.group(2)
            ref = _ATTR_R.search(attrs)
            if name == b"row":
                self.row = _number(ref.group(1)) if ref else self.row + 1
                self.col = 0
                continue
            if ref:
                parsed = _REF.fullmatch(ref.group(1).strip())
                if parsed is None:
                    raise ImportRefused(CORRUPT)
                self.col = _column(parsed.group(1))
                row = int(parsed.group(2))
            else:
                self.col += 1
                row = self.row
            if attrs.rstrip().endswith(b"/"):
                continue  # an empty cell: readers leave it out
            if self.col > MAX_COLUMNS:
                raise ImportRefused(TOO_WIDE)
            if row > self.row_limit:
                raise ImportRefused(too_many_rows(self.row_limit - 100))


def _number(raw: bytes) -> int:
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 9:
        raise ImportRefused(CORRUPT)
    return int(raw)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - 64)
    return number


def _inflate(content: bytes, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's bytes, in chunks, never more than it declares; CRC checked."""
    offset = entry.header_offset
    header = content[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ImportRefused(CORRUPT)
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    raw = memoryview(content)[start : start + entry.compress_size]
    if len(raw) != entry.compress_size:
        raise ImportRefused(CORRUPT)
    produced = 0
    crc = 0
    if entry.compress_type == zipfile.ZIP_STORED:
        if entry.compress_size != entry.file_size:
            raise ImportRefused(CORRUPT)
        for begin in range(0, len(raw), CHUNK):
            piece = bytes(raw[begin : begin + CHUNK])
            crc = zlib.crc32(piece, crc)
            yield piece
        produced = entry.file_size
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            for begin in range(0, len(raw), INPUT_SLICE):
                pending: bytes | memoryview = raw[begin : begin + INPUT_SLICE]
                while pending:
                    piece = inflater.decompress(pending, CHUNK)
                    pending = inflater.unconsumed_tail
                    produced += len(piece)
                    if produced > entry.file_size:
                        raise ImportRefused(BOMB)
                    crc = zlib.crc32(piece, crc)
                    if piece:
                        yield piece
                    if inflater.eof:
                        break
                if inflater.eof:
                    break
        except zlib.error as exc:
            raise ImportRefused(CORRUPT) from exc
        if not inflater.eof:
            raise ImportRefused(CORRUPT)
    else:
        raise ImportRefused(CORRUPT)
    if produced != entry.file_size or crc != entry.CRC:
        raise ImportRefused(CORRUPT)
