"""A survey's results: weighted estimates per question under the anonymity rules.

Rules (docs/surveys.md, settings ``MIN_CELL`` k (``core.suppression``) and ``SURVEY_MIN_TEXT``):

* a group (the survey, a unit's subtree, an answer filter) with fewer than k
  responses shows no figure at all;
* units form a laminar family: a unit's subtree is viewable only if it holds
  at least k responses, and a parent whose responses outside its viewable
  children would number 1..k-1 hides its smallest viewable child too, so no
  small group is recovered by subtracting one unit's figures from another's;
* a count under k (and its percentage) is hidden; where one hidden cell could
  be recovered from the total, the next smallest is hidden as well;
* free text only from a group of at least ``SURVEY_MIN_TEXT`` responses.

Every page and export reads this module, so the rules hold everywhere.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT

from duluan.core import suppression
from duluan.core.lazy import lazy_module
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from . import stats
from .forms_spec import CHOICE_TYPES, NUMBER_TYPES, Question, questions
from .models import Response, Survey

if TYPE_CHECKING:
    import numpy as np
else:  # NumPy loads on the first computation, not when a page module is imported
    np = lazy_module("numpy")


def min_cell() -> int:
    return suppression.min_cell()


def min_text() -> int:
    return int(getattr(settings, "SURVEY_MIN_TEXT", 10))


# ── the data, as columns ────────────────────────────────────────────────
@dataclass
class Column:
    """One question over all rows: ``answered`` per row, plus ``codes`` (single choice,
    -1 when none), ``chosen`` (multiple choice, rows x choices), ``numbers`` or ``texts``."""

    answered: np.ndarray
    codes: np.ndarray | None = None
    chosen: np.ndarray | None = None
    numbers: np.ndarray | None = None
    texts: np.ndarray | None = None

    def concat(self, other: Column) -> Column:
        def join(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
            return None if a is None or b is None else np.concatenate([a, b])

        return Column(
            np.concatenate([self.answered, other.answered]),
            join(self.codes, other.codes),
            join(self.chosen, other.chosen),
            join(self.numbers, other.numbers),
            join(self.texts, other.texts),
        )

    def take(self, index: np.ndarray) -> Column:
        def cut(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[index]

        return Column(
            self.answered[index],
            cut(self.codes),
            cut(self.chosen),
            cut(self.numbers),
            cut(self.texts),
        )


@dataclass
class Dataset:
    """Rows of a survey: their units and strata, and the answers.

    Answers are read either as whole JSON documents (``answers``) or, faster, as one
    text per analysed question straight from the database's JSON operators
    (``table``: question names and one tuple per row); ``answers`` is then built
    from the table only when something needs whole rows (raw exports, cross-tabs)."""

    unit_ids: np.ndarray  # per row
    strata: np.ndarray  # per row: index into ``units``
    units: list[int]
    population: np.ndarray  # per stratum: member count
    rows_answers: list[dict[str, Any]] | None = None
    table: tuple[dict[str, int], list[tuple[Any, ...]]] | None = None
    multi: frozenset[str] = frozenset()
    columns: dict[str, Column] = field(default_factory=dict)
    transposed: list[tuple[Any, ...]] | None = None

    def __len__(self) -> int:
        return len(self.unit_ids)

    @property
    def answers(self) -> list[dict[str, Any]]:
        if self.rows_answers is None:
            assert self.table is not None
            names, rows = self.table
            self.rows_answers = [
                {
                    name: (_array(row[i]) if name in self.multi else row[i])
                    for name, i in names.items()
                    if row[i] is not None
                }
                for row in rows
            ]
        return self.rows_answers

    def subset(self, mask: np.ndarray) -> Dataset:
        index = np.flatnonzero(mask)
        table = None
        if self.table is not None:
            rows = self.table[1]
            table = (self.table[0], [rows[i] for i in index])
        return Dataset(
            self.unit_ids[index],
            self.strata[index],
            self.units,
            self.population,
            [self.rows_answers[i] for i in index] if self.rows_answers is not None else None,
            table,
            self.multi,
            {name: col.take(index) for name, col in self.columns.items()},
        )

    def _values_raw(self, name: str) -> list[Any]:
        """One value per row: text from the table (JSON text for multiple choice), or
        the document's value (a list for multiple choice)."""
        if self.table is not None and name in self.table[0]:
            if self.transposed is None:
                # One pass in C over the rows, instead of one Python pass per question.
                self.transposed = list(zip(*self.table[1], strict=True)) if self.table[1] else []
            i = self.table[0][name]
            return list(self.transposed[i]) if self.transposed else []
        return [a.get(name) for a in self.answers]

    def column(self, q: Question) -> Column:
        """The question's answers as arrays, built once per dataset (one pass over rows)."""
        cached = self.columns.get(q.name)
        if cached is not None:
            return cached
        import pandas as pd

        values = self._values_raw(q.name)
        n = len(values)
        if any(isinstance(v, list) for v in values[:1000]):
            values = [" ".join(v) if isinstance(v, list) else v for v in values]
        raw = np.empty(n, dtype=object)
        raw[:] = values
        # Few distinct answers per question: factorise once (hashing in C), decide per value.
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        uniques = list(uniques)
        blank = np.array([str(u) in ("", "[]") for u in uniques] + [True], dtype=bool)
        answered = ~blank[codes]  # code -1 (missing) reads the trailing True
        column = Column(answered)
        names = [c.name for c in q.choices]
        index = {name: i for i, name in enumerate(names)}
        if q.type == "select one":
            lookup = np.array([index.get(str(u), -1) for u in uniques] + [-1], dtype=np.int64)
            column.codes = lookup[codes]
        elif q.type in CHOICE_TYPES:
            table = np.zeros((len(uniques) + 1, len(names)), dtype=bool)
            for row, u in enumerate(uniques):
                text = str(u)
                items = _array(text) if text.startswith("[") else text.split()
                for name in items:
                    if (col := index.get(name)) is not None:
                        table[row, col] = True
            column.chosen = table[codes]
        elif q.type in NUMBER_TYPES:
            lookup_f = np.array([_number(u) for u in uniques] + [np.nan], dtype=float)
            column.numbers = lookup_f[codes]
        else:
            texts = np.array([str(u) for u in uniques] + [""], dtype=object)
            column.texts = texts[codes]
        self.columns[q.name] = column
        return column


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _array(text: Any) -> list[str]:
    """A multiple-choice answer as the JSON operators return it (``["a", "b"]``)."""
    if text is None:
        return []
    if isinstance(text, list):
        return [str(v) for v in text]
    return _QUOTED.findall(str(text))


def _answer_text(name: str) -> Any:
    """One answer as text, by the database's own JSON operator (one extraction per cell:
    Django's ``KT`` on SQLite adds a JSON_TYPE test that doubles the work)."""
    table = Response._meta.db_table
    if connection.vendor == "sqlite":
        return RawSQL(f'"{table}"."data" ->> %s', [f'$."{name}"'])  # noqa: S611 - our table, a bound path
    if connection.vendor == "postgresql":
        return RawSQL(f'"{table}"."data" ->> %s', [name])  # noqa: S611
    return KT(f"data__{name}")


_LOADED: OrderedDict[tuple[Any, ...], Dataset] = OrderedDict()
_LOADED_MAX = 6


def load(survey: Survey, *, under: Unit | None = None) -> Dataset:
    """The responses of ``survey`` (in ``under``'s subtree) as a dataset.

    Kept in memory per process while no response is added (keyed on the count and
    the last id), so filtering and paging through a large survey's results does not
    re-read 100,000 rows; the columns built for one view serve the next."""
    rows = Response.objects.filter(survey=survey)
    if under is not None:
        rows = rows.filter(subtree_q(under))
    stamp = rows.aggregate(n=Count("id"), last=Max("id"))
    version = survey.versions.aggregate(last=Max("id"))["last"]
    key = (survey.pk, under.pk if under else None, stamp["n"], stamp["last"], version)
    cached = _LOADED.get(key)
    if cached is not None:
        _LOADED.move_to_end(key)
        # Memberships may have changed since: the weights always use today's.
        members = dict(Unit.objects.filter(pk__in=cached.units).values_list("pk", "member_count"))
        cached.population = np.array([members.get(u, 0) for u in cached.units], dtype=float)
        return cached
    items = survey_questions(survey)
    names = {q.name: i + 1 for i, q in enumerate(items)}
    multi = frozenset(q.name for q in items if q.type == "select all that apply")
    fields = {f"a{i}": _answer_text(q.name) for i, q in enumerate(items)}
    tabular = bool(items) and all(re.fullmatch(r"[A-Za-z_][\w.\-]*", q.name) for q in items)
    base = (survey.pk, under.pk if under else None, version)
    previous = _LATEST.get(base)
    if tabular and previous is not None and previous[0] in _LOADED:
        prev_key, prev = previous
        prev_last = prev_key[3]
        # Only new responses since the cached read (none deleted): read those rows alone.
        if (
            prev.table is not None
            and prev_last is not None
            and stamp["last"] is not None
            and stamp["last"] > prev_last
            and rows.filter(id__lte=prev_last).count() == len(prev)
        ):
            fresh = list(
                rows.filter(id__gt=prev_last)
                .order_by("id")
                .annotate(**fields)
                .values_list("unit_id", *fields)
            )
            data = _extend(prev, fresh, items)
            _LOADED.pop(prev_key, None)
            _remember(key, base, data)
            return data
    if tabular:
        table_rows = list(rows.order_by("id").annotate(**fields).values_list("unit_id", *fields))
        unit_ids = np.fromiter((r[0] for r in table_rows), dtype=np.int64, count=len(table_rows))
        table: tuple[dict[str, int], list[tuple[Any, ...]]] | None = (names, table_rows)
        documents = None
    else:
        pairs = list(rows.order_by("id").values_list("unit_id", "data"))
        unit_ids = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
        table, documents = None, [p[1] for p in pairs]
    units = sorted(set(unit_ids.tolist()))
    members = dict(Unit.objects.filter(pk__in=units).values_list("pk", "member_count"))
    code = {u: i for i, u in enumerate(units)}
    strata = np.fromiter((code[u] for u in unit_ids.tolist()), dtype=np.int64, count=len(unit_ids))
    population = np.array([members.get(u, 0) for u in units], dtype=float)
    data = Dataset(unit_ids, strata, units, population, documents, table, multi)
    _remember(key, base, data)
    return data


_LATEST: dict[tuple[Any, ...], tuple[tuple[Any, ...], Dataset]] = {}


def _remember(key: tuple[Any, ...], base: tuple[Any, ...], data: Dataset) -> None:
    _LOADED[key] = data
    _LATEST[base] = (key, data)
    while len(_LOADED) > _LOADED_MAX:
        _LOADED.popitem(last=False)


def _extend(prev: Dataset, fresh: list[tuple[Any, ...]], items: list[Question]) -> Dataset:
    """``prev`` with the rows in ``fresh`` appended; columns already built are extended."""
    assert prev.table is not None
    new_ids = np.fromiter((r[0] for r in fresh), dtype=np.int64, count=len(fresh))
    addition = Dataset(
        new_ids,
        np.zeros(len(fresh), dtype=np.int64),
        prev.units,
        prev.population,
        None,
        (prev.table[0], fresh),
        prev.multi,
    )
    unit_ids = np.concatenate([prev.unit_ids, new_ids])
    units = sorted(set(prev.units) | set(new_ids.tolist()))
    strata = np.searchsorted(np.array(units, dtype=np.int64), unit_ids).astype(np.int64)
    members = dict(Unit.objects.filter(pk__in=units).values_list("pk", "member_count"))
    population = np.array([members.get(u, 0) for u in units], dtype=float)
    by_name = {q.name: q for q in items}
    columns = {
        name: column.concat(addition.column(by_name[name]))
        for name, column in prev.columns.items()
        if name in by_name
    }
    table = (prev.table[0], prev.table[1] + fresh)
    return Dataset(unit_ids, strata, units, population, None, table, prev.multi, columns)


def forget_loaded() -> None:
    _LOADED.clear()
    _LATEST.clear()


# ── which units may be shown ────────────────────────────────────────────
def viewable_units(root: Unit, counts: dict[int, int], k: int) -> set[int]:
    """Units whose subtree figures may be shown without isolating < k responses."""
    tree = list(Unit.objects.filter(subtree_q(root, field="")).values_list("pk", "path"))
    by_path = {path: pk for pk, path in tree}
    step = Unit.steplen
    children: dict[int, list[int]] = {pk: [] for pk, _ in tree}
    for pk, path in tree:
        parent = by_path.get(path[:-step])
        if parent is not None and path != root.path:
            children[parent].append(pk)
    subtotal = {pk: counts.get(pk, 0) for pk, _ in tree}
    for pk, path in sorted(tree, key=lambda t: -len(t[1])):
        parent = by_path.get(path[:-step])
        if parent is not None and path != root.path:
            subtotal[parent] += subtotal[pk]
    viewable: set[int] = set()
    for pk, _path in sorted(tree, key=lambda t: -len(t[1])):
        shown = sorted((c for c in children[pk] if c in viewable), key=lambda c: subtotal[c])
        residual = subtotal[pk] - sum(subtotal[c] for c in shown)
        while 0 < residual < k and shown:
            smallest = shown.pop(0)
            _hide_subtree(smallest, children, viewable)
            residual += subtotal[smallest]
        if subtotal[pk] >= k:
            viewable.add(pk)
    return viewable


def _hide_subtree(pk: int, children: dict[int, list[int]], viewable: set[int]) -> None:
    viewable.discard(pk)
    for child in children[pk]:
        _hide_subtree(child, children, viewable)


# ── per question ─────────────────────────────────────────────────────────
@dataclass
class Cell:
    name: str
    label: str
    count: int | None  # None: hidden
    share: stats.Estimate | None  # weighted proportion, None: hidden


@dataclass
class QuestionResult:
    question: Question
    n: int
    cells: list[Cell] = field(default_factory=list)
    mean: stats.Estimate | None = None
    likert: dict[str, Any] | None = None
    texts: list[str] = field(default_factory=list)
    text_hidden: bool = False
    analyses: list[dict[str, Any]] | None = None

    @property
    def kind(self) -> str:
        if self.question.type in CHOICE_TYPES:
            return "choice"
        if self.question.type in NUMBER_TYPES:
            return "number"
        return "text"


@dataclass
class Results:
    survey: Survey
    n: int
    hidden: bool
    questions: list[QuestionResult]
    weighted: bool
    k: int


def is_likert(q: Question) -> bool:
    if q.type != "select one" or not 3 <= len(q.choices) <= 11:
        return False
    return "likert" in q.appearance or all(c.name.lstrip("-").isdigit() for c in q.choices)


def _weights(data: Dataset, mask: np.ndarray) -> np.ndarray:
    return stats.post_stratified_weights(data.strata[mask], data.population)


def question_result(
    q: Question,
    data: Dataset,
    k: int,
    k_text: int,
    margins: list[tuple[Question, dict[str, float]]] | None = None,
) -> QuestionResult:
    column = data.column(q)
    answered = column.answered
    n = int(answered.sum())
    result = QuestionResult(q, n)
    if n < k:
        result.text_hidden = True
        return result
    strata = data.strata[answered]
    weights = _weights(data, answered)
    if margins:
        weights = _raked(weights, data, answered, margins)
    if q.type in CHOICE_TYPES:
        multi = q.type != "select one"
        counts, shares = [], []
        for i in range(len(q.choices)):
            if multi:
                assert column.chosen is not None
                y = column.chosen[answered, i].astype(float)
            else:
                assert column.codes is not None
                y = (column.codes[answered] == i).astype(float)
            counts.append(int(y.sum()))
            shares.append(stats.weighted_mean(y, weights, strata, data.population))
        hidden = (
            [0 < c < k or 0 < n - c < k for c in counts]
            if multi
            else suppression.suppress_row(counts, k, n)
        )
        result.cells = [
            Cell(c.name, c.label, None if h else cnt, None if h else share)
            for c, cnt, share, h in zip(q.choices, counts, shares, hidden, strict=True)
        ]
        if is_likert(q):
            assert column.codes is not None
            result.likert = _likert(q, column.codes[answered], weights, strata, data.population)
    elif q.type in NUMBER_TYPES:
        assert column.numbers is not None
        y = column.numbers[answered]
        ok = ~np.isnan(y)
        if ok.sum() >= k:
            result.mean = stats.weighted_mean(y[ok], weights[ok], strata[ok], data.population)
    else:
        assert column.texts is not None
        if n >= k_text:
            result.texts = sorted(str(v) for v in column.texts[answered])[:500]
        else:
            result.text_hidden = True
    return result


def raking_margins(
    survey: Survey, items: list[Question]
) -> list[tuple[Question, dict[str, float]]]:
    """``Survey.raking_margins``: {question: {choice: population count}} for single-choice
    questions (sex, age group...) whose population structure the unit supplies."""
    by_name = {q.name: q for q in items if q.type == "select one"}
    out = []
    for name, targets in (survey.raking_margins or {}).items():
        if name in by_name and isinstance(targets, dict) and targets:
            out.append((by_name[name], {str(k): float(v) for k, v in targets.items()}))
    return out


def _raked(
    weights: np.ndarray,
    data: Dataset,
    answered: np.ndarray,
    margins: list[tuple[Question, dict[str, float]]],
) -> np.ndarray:
    """Post-stratified weights raked to the margins (rows without the margin answer keep
    theirs); each margin is scaled to the weighted total, so only the structure counts."""
    total = float(weights.sum())
    plans = []
    for question, targets in margins:
        codes = data.column(question).codes
        assert codes is not None
        target = np.array([targets.get(c.name, 0.0) for c in question.choices], dtype=float)
        if target.sum() <= 0:
            continue
        plans.append((codes[answered], target * total / target.sum()))
    return stats.rake(weights, plans) if plans else weights


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _likert(
    q: Question, codes: np.ndarray, weights: np.ndarray, strata: np.ndarray, population: np.ndarray
) -> dict[str, Any]:
    if all(c.name.lstrip("-").isdigit() for c in q.choices):
        score_of = np.array([int(c.name) for c in q.choices], dtype=float)
    else:
        score_of = np.arange(1, len(q.choices) + 1, dtype=float)
    ok = codes >= 0
    scores = score_of[codes[ok]]
    values = sorted(set(score_of.tolist()))
    top = np.isin(scores, values[-2:]).astype(float)
    bottom = np.isin(scores, values[:2]).astype(float)
    w, st = weights[ok], strata[ok]
    return {
        "mean": stats.weighted_mean(scores, w, st, population),
        "top2": stats.weighted_mean(top, w, st, population),
        "bottom2": stats.weighted_mean(bottom, w, st, population),
        "scale": f"{int(values[0])}–{int(values[-1])}",
    }


def survey_questions(survey: Survey) -> list[Question]:
    version = survey.current_version
    return [q for q in questions(version.spec) if q.analysed] if version else []


def results_compute(
    survey: Survey,
    *,
    under: Unit | None = None,
    answer: tuple[str, str] | None = None,
    data: Dataset | None = None,
    only: set[str] | None = None,
) -> Results:
    """The results of ``survey`` for ``under``'s subtree (a viewable unit) and an answer filter."""
    k, k_text = min_cell(), min_text()
    data = data if data is not None else load(survey, under=under)
    items = [q for q in survey_questions(survey) if only is None or q.name in only]
    total = len(data)
    if answer is not None:
        mask = answer_mask(data, survey_questions(survey), *answer)
        inside = int(mask.sum())
        if inside < k or 0 < total - inside < k:
            return Results(survey, inside, True, [], True, k)
        data = data.subset(mask)
        total = inside
    if total < k:
        return Results(survey, total, True, [], True, k)
    weighted = bool((data.population > 0).any())
    margins = raking_margins(survey, survey_questions(survey))
    out = [question_result(q, data, k, k_text, margins) for q in items]
    return Results(survey, total, False, out, weighted, k)


def answer_mask(data: Dataset, items: list[Question], name: str, value: str) -> np.ndarray:
    """Rows whose answer to ``name`` is (or, for multiple choice, includes) ``value``."""
    question = next((q for q in items if q.name == name), None)
    if question is not None and question.type in CHOICE_TYPES:
        column = data.column(question)
        index = next((i for i, c in enumerate(question.choices) if c.name == value), None)
        if index is None:
            return np.zeros(len(data), dtype=bool)
        if column.codes is not None:
            return np.asarray(column.codes == index)
        assert column.chosen is not None
        return np.asarray(column.chosen[:, index])
    return np.fromiter(
        ((value in v) if isinstance(v := a.get(name), list) else v == value for a in data.answers),
        dtype=bool,
        count=len(data),
    )


def response_rates(survey: Survey, viewable: set[int] | None = None) -> list[dict[str, Any]]:
    """Responses per unit subtree of the target tree against membership (live)."""
    own = dict(survey.responses.values_list("unit_id").annotate(c=Count("id")))
    units = list(
        Unit.objects.filter(subtree_q(survey.unit, field=""), is_active=True).order_by("path")
    )
    by_path = {u.path: u for u in units}
    responses = {u.pk: own.get(u.pk, 0) for u in units}
    members = {u.pk: u.member_count for u in units}
    for unit in sorted(units, key=lambda u: -len(u.path)):
        parent = by_path.get(unit.path[: -Unit.steplen])
        if parent is not None and unit.path != survey.unit.path:
            responses[parent.pk] += responses[unit.pk]
            members[parent.pk] += members[unit.pk]
    return [
        {
            "unit": unit,
            "depth": unit.depth - survey.unit.depth,
            "responses": responses[unit.pk],
            "members": members[unit.pk],
            "rate": responses[unit.pk] / members[unit.pk] if members[unit.pk] else None,
        }
        for unit in units
    ]
