"""Write ``seed.csv``, the labelled seed set of the product's seed model.

Deterministic: ``python -m duluan.nlp.seed.make_seed`` rewrites the same file.
Texts are built from the hand-written phrase bank in :mod:`.phrases` (16
topics × 6 kinds × 3 sentiments) by wrapping each phrase in frames typical of
each kind, adding who/where openings, pairing two topics, and re-typing a share
of the texts the way people type (abbreviations, no diacritics).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from duluan.core.text import fold

from .phrases import BANK, KIND_FRAMES

OUT = Path(__file__).resolve().parent / "seed.csv"
PER_TOPIC_KIND = 28
OPENINGS = [
    "",
    "",
    "",
    "Tại phân xưởng may, ",
    "Ở công ty giày, ",
    "Qua trao đổi với công nhân, ",
    "Theo phản ánh của tổ 3, ",
    "Chị Lan, công nhân tổ cắt, cho biết ",
    "Tại giao ban tháng, ",
    "Qua nhóm Zalo của công nhân, ",
    "Ở khu công nghiệp phía bắc, ",
    "Đoàn viên khối văn phòng cho biết ",
]
RETYPE = [
    ("không", "ko"),
    ("được", "đc"),
    ("người lao động", "NLĐ"),
    ("bảo hiểm xã hội", "BHXH"),
    ("công ty", "cty"),
    ("công đoàn cơ sở", "CĐCS"),
    ("với", "vs"),
    ("thỏa ước lao động tập thể", "TƯLĐTT"),
    ("hợp đồng lao động", "HĐLĐ"),
    ("tai nạn lao động", "TNLĐ"),
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(frame: str, x: str, y: str = "") -> str:
    return frame.replace("{X}", _cap(x)).replace("{x}", x).replace("{Y}", _cap(y)).replace("{y}", y)


def _retype(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        for full, short in RETYPE:
            if full in text.lower() and rng.random() < 0.8:
                text = text.replace(full, short).replace(_cap(full), short)
    elif roll < 0.22:
        text = fold(text)
    return text


def build(seed: int = 2026) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(text: str, topics: list[str], sentiment: str, kind: str) -> None:
        opening = rng.choice(OPENINGS)
        body = text if not opening else opening + text[:1].lower() + text[1:]
        body = _retype(body, rng)
        if body in seen:
            return
        seen.add(body)
        rows.append(
            {"text": body, "topics": ";".join(topics), "sentiment": sentiment, "kind": kind}
        )

    for topic, cats in BANK.items():
        for kind, frames in KIND_FRAMES.items():
            candidates: list[tuple[str, str]] = []
            for category, frame, sentiment in frames:
                if category == "negask":
                    for x in cats["neg"]:
                        for y in cats["ask"]:
                            candidates.append((_fill(frame, x, y), sentiment))
                else:
                    for x in cats[category]:
                        candidates.append((_fill(frame, x), sentiment))
            rng.shuffle(candidates)
            for text, sentiment in candidates[:PER_TOPIC_KIND]:
                add(text, [topic], sentiment, kind)

    # Two topics in one report: complaints and requests that name both.
    topics = [t for t in BANK if t != "khac"]
    for _ in range(400):
        a, b = rng.sample(topics, 2)
        x, y = rng.choice(BANK[a]["neg"]), rng.choice(BANK[b]["neg"])
        if rng.random() < 0.5:
            add(f"{_cap(x)}, ngoài ra {y}", [a, b], "tieu_cuc", "khieu_nai")
        else:
            ask = rng.choice(BANK[b]["ask"])
            add(f"{_cap(x)}; đồng thời đề nghị {ask}", [a, b], "tieu_cuc", "kien_nghi")
    rng.shuffle(rows)
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "topics", "sentiment", "kind"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows → {OUT}")


if __name__ == "__main__":
    main()
