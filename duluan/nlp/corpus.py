"""The labelled corpus of union reports shipped with the product (``corpus/*.jsonl``).

Written as text, in many voices (officers' write-ups, minutes, hotline notes,
petitions, press and fanpage summaries, Zalo messages, text without diacritics,
spoken words from the three regions), labelled by its writer and checked by a
second annotator against ``docs/nlp-guidelines.md`` (``corpus/README.md`` says
how, and the agreement). Three parts that never mix:

* ``train``: what the shipped model learns from;
* ``dev``: written by other writers; choices (features, weights, thresholds)
  are made on it, so its figures are optimistic by that much;
* ``demo``: kept out of training and choosing; the demo province's reports
  draw their texts from it, so the demo's ground-truth figure is held out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .bundle import LabelledText

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SPLITS = ("train", "dev", "demo")


@dataclass(frozen=True)
class CorpusItem:
    id: str
    text: str
    topics: tuple[str, ...]
    sentiment: str
    kind: str
    urgency: str
    style: str = ""
    region: str = ""
    tags: tuple[str, ...] = ()

    def labelled(self, weight: float = 1.0) -> LabelledText:
        return LabelledText(
            text=self.text,
            topics=self.topics,
            sentiment=self.sentiment,
            kind=self.kind,
            urgency=self.urgency,
            weight=weight,
        )

    def row(self) -> dict[str, str]:
        """The item as a row of ``duluan nlp score`` (codes as strings)."""
        return {
            "id": self.id,
            "text": self.text,
            "topics": ";".join(self.topics),
            "sentiment": self.sentiment,
            "kind": self.kind,
            "urgency": self.urgency,
            "style": self.style,
            "region": self.region,
        }


def corpus_path(split: str) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown corpus split {split!r}")
    return CORPUS_DIR / f"{split}.jsonl"


def _split(codes: str) -> tuple[str, ...]:
    return tuple(c for c in codes.split(";") if c)


@cache
def corpus_items(split: str) -> tuple[CorpusItem, ...]:
    """Every item of one part, in file order (empty when the file is absent)."""
    path = corpus_path(split)
    if not path.exists():
        return ()
    items: list[CorpusItem] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            items.append(
                CorpusItem(
                    id=raw["id"],
                    text=raw["text"],
                    topics=_split(raw["topics"]),
                    sentiment=raw["sentiment"],
                    kind=raw["kind"],
                    urgency=raw["urgency"],
                    style=raw.get("style", ""),
                    region=raw.get("region", ""),
                    tags=_split(raw.get("tags", "")),
                )
            )
    return tuple(items)


def corpus_rows(split: str, weight: float = 1.0) -> list[LabelledText]:
    return [item.labelled(weight) for item in corpus_items(split)]


def corpus_text(splits: Sequence[str]) -> str:
    """The files' bytes, for the shipped model's fingerprint."""
    return "".join(
        corpus_path(s).read_text(encoding="utf-8") for s in splits if corpus_path(s).exists()
    )
