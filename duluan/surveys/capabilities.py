"""What respondents can do on the web, and what only ODK Collect does: one list.

Source: the ODK web engine duluan serves, ``@getodk/web-forms`` 0.22.0 (its
``dist/index-*.js``): ``UploadFileControl`` renders "Support for non-image
uploads is pending" for audio, video and file questions (and the ``osm``
upload); ``barcode`` has a placeholder codec and is typed as text; pyxform's
``select_one_external`` is an ``<input query=…>`` that only Collect fills from
``itemsets.csv`` (the engine shows a text box); the engine
reads ``base64RsaPublicKey`` but never encrypts; it has no entities and no
``odk:recordaudio`` (background audio). Images, geopoint/geotrace/geoshape,
rank, range, ``pulldata`` and choices from attached files it does. Re-read this
list when the engine is upgraded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENGINE = "@getodk/web-forms 0.22.0"

# Question types the engine cannot answer: a required one blocks the web form.
NO_WEB_UPLOAD = {
    "audio": "câu hỏi ghi âm",
    "video": "câu hỏi quay video",
    "file": "câu hỏi tải tệp",
    "osm": "câu hỏi bản đồ OSM",
}
# Features the engine ignores: the form works on the web without them.
COLLECT_ONLY_TYPES = {
    "background-audio": "ghi âm nền (background-audio) chỉ ODK Collect ghi được",
    "barcode": "quét mã vạch chỉ có trên ODK Collect; trên web người trả lời gõ mã",
    "select_one_external": "danh sách ngoài (itemsets.csv) chỉ ODK Collect đọc; trên web "
    "người trả lời gõ mã lựa chọn",
}
COLLECT_ONLY_SHEETS = {
    "entities": "trang 'entities': chỉ ODK Collect (với ODK Central) tạo và cập nhật "
    "thực thể; duluan và biểu mẫu web không lưu thực thể",
    "osm": "trang 'osm': thẻ OpenStreetMap chỉ ODK Collect dùng",
}


@dataclass
class Assessment:
    warnings: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)


def _required(row: dict[str, str]) -> bool:
    return row.get("required", "").strip().lower() in ("yes", "true", "true()", "1")


def assess(workbook: dict[str, list[dict[str, str]]]) -> Assessment:
    """Warnings for what only ODK Collect does on this form, and the reasons (if
    any) that it cannot be answered on the web at all."""
    from .dialects import node_date_times
    from .xlsform import EXPRESSION_COLUMNS

    out = Assessment()
    settings = (workbook.get("settings") or [{}])[0] if workbook.get("settings") else {}
    if settings.get("public_key"):
        out.warnings.append(
            "Trang 'settings', cột 'public_key': biểu mẫu được nhập không mã hoá. Biểu mẫu "
            "web không mã hoá được và duluan cần đọc câu trả lời để tổng hợp; dữ liệu được "
            "bảo vệ bằng phân quyền theo đơn vị của duluan."
        )
    for sheet, text in COLLECT_ONLY_SHEETS.items():
        if workbook.get(sheet):
            out.warnings.append(text)
    for index, row in enumerate(workbook.get("survey") or []):
        line = index + 2
        kind = " ".join(row.get("type", "").split()).lower()
        head = kind.split(" ")[0] if kind else ""
        where = f"Trang 'survey', dòng {line}"
        if head in NO_WEB_UPLOAD:
            text = f"{where}: {NO_WEB_UPLOAD[head]} chưa trả lời được trên web ({ENGINE})"
            if _required(row) and not row.get("relevant"):
                out.blockers.append(f"{text}, mà câu này bắt buộc")
            else:
                out.warnings.append(f"{text}; trên web câu này bị bỏ trống")
        elif head in COLLECT_ONLY_TYPES:
            out.warnings.append(f"{where}: {COLLECT_ONLY_TYPES[head]}")
        for column, value in row.items():
            # The engine stops loading the whole form ("Expected a NUMBER or STRING evaluation
            # type for date-time conversion") when decimal-date-time() is given a node (``${q}``,
            # ``.``, a path); ``today()``, ``now()`` and text it takes. The import writes
            # ``string()`` around date, date-time and text nodes (dialects.stringify_dates, the
            # same value for ODK Collect); what stays (a number or time question, a path) is
            # Collect-only. Measured in Chromium on 0.22.0 (test_webform_dialects.py).
            expression = column.split("::")[0].strip().lower() in EXPRESSION_COLUMNS
            nodes = node_date_times(value) if expression and isinstance(value, str) else []
            if nodes:
                out.blockers.append(
                    f"{where}, cột '{column}': biểu mẫu web ({ENGINE}) không mở được biểu "
                    f"mẫu có decimal-date-time({nodes[0]}) (đối số là một câu hỏi không "
                    "phải ngày, giờ hay văn bản); ODK Collect tính được"
                )
    return out
