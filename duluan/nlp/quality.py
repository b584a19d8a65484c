"""The analysis model's quality on the demo province's ground truth (``DemoTruth``).

The demo's reports take their texts and labels from the corpus's demo part
(``corpus/demo.jsonl``), which no model trains on and no choice was made on, so
this is a held-out measure of the model as shipped (each text may appear in
several reports, with the unit's company named in it).
"""

from __future__ import annotations

from typing import Any

from .bundle import ModelBundle, active_bundle
from .pipeline import run
from .scoring import headline, metrics


def demo_quality(bundle: ModelBundle | None = None, limit: int | None = None) -> dict[str, Any]:
    """:func:`duluan.nlp.scoring.metrics` of the demo reports in the database.

    The rows come from the ``demo`` entry of ``core.extensions.GROUND_TRUTH``
    (the demo app's ``ground_truth`` module), so this app never imports the demo.
    """
    from duluan.core.extensions import GROUND_TRUTH

    bundle = bundle or active_bundle()
    sources = {entry.key: entry for entry in GROUND_TRUTH.entries()}
    rows = sources["demo"].build(limit) if "demo" in sources else []
    if not rows:
        return {"n": 0, "model_version": bundle.version, "note": "no demo ground truth"}
    found = metrics(rows, run([r["text"] for r in rows], bundle))
    return {"model_version": bundle.version, "headline": headline(found), **found}
