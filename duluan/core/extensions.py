"""Extension points: how one app contributes to another without the other importing it.

Registries, each filled by modules that apps ship under a fixed name and
that are imported on first use (``autodiscover_modules``):

* ``report_sections`` modules register :data:`REPORT_SECTIONS`: a builder
  ``(unit, span) -> Block | None`` that the periodic report places in every
  synthesis for ``unit``'s subtree over ``span``;
* ``dashboard_panels`` modules register :data:`DASHBOARD_PANELS`: a builder
  ``(actor, unit, span) -> Block | None`` shown on the leader's dashboard;
* ``matter_panels`` modules register :data:`MATTER_PANELS`: a builder
  ``(actor, matter) -> Block | None`` shown on a matter's page (the actor may
  already see the matter; the builder scopes its own rows);
* ``report_panels`` modules register :data:`REPORT_PANELS`: a builder
  ``(actor, report) -> Block | None`` shown on a report's page (related
  reports, the matter it may belong to), scoped by the builder; a ``lazy``
  panel is fetched after the page loads (``intake:report_panel``);
* ``issue_panels`` modules register :data:`ISSUE_PANELS`: a builder
  ``(actor) -> Block | None`` shown on the emerging-issues page (spikes an app
  above nlp finds in its own data, such as the press), scoped by the builder;
* ``demo_steps`` modules register :data:`DEMO_STEPS`: a function
  ``(context) -> dict[str, int]`` run by ``duluan demo`` after the reports are
  written, in ``order``; ``demo_wipe_step`` functions ``(root) -> None``
  remove the app's demo rows before ``duluan demo --force`` deletes the tree;
* ``matter_timeline`` modules register :data:`MATTER_TIMELINE`: lines an app
  above cases adds to a matter's timeline;
* ``ground_truth`` modules register :data:`GROUND_TRUTH`: a function
  ``(limit) -> list[dict]`` of labelled texts (``text``, ``topics``,
  ``sentiment``, ``kind``, ``urgency``) the text analytics measures itself on
  (``duluan nlp seed-quality`` reads the demo's).

A builder returns ``None`` when it has nothing to say (no data in the span).
Figures are plain numbers keyed by a stable code, so a test can compare a
document with the database without parsing prose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.module_loading import autodiscover_modules

Cell = str | int | float | None


@dataclass(frozen=True)
class Span:
    """A reporting window: ``start`` inclusive, ``end`` exclusive (aware datetimes)."""

    start: datetime
    end: datetime
    label: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("Span end must be after its start")

    @property
    def first_day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    # Pages only: the first cell of row i links to ``links[i]`` when it is set
    # (documents and spreadsheets show the text alone).
    links: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """One headline number: ``code`` is stable (tests and exports key on it)."""

    code: str
    label: str
    value: int | float | None  # None: hidden (a group too small to show)
    unit: str = ""


@dataclass(frozen=True)
class Block:
    """What a section or panel has to say: figures, paragraphs and tables."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # Pages only: the list this block summarises, filtered the same way (its count
    # is the block's first figure); the title and the figures link to it.
    link: str = ""

    def figure(self, code: str) -> int | float | None:
        for fig in self.figures:
            if fig.code == code:
                return fig.value
        raise KeyError(code)


@dataclass(frozen=True)
class Registered:
    key: str
    title: str
    order: int
    build: Callable[..., Any]
    # Pages only: built after the page has loaded (HTMX), for a panel that reads many
    # rows or runs the text model, so the page itself stays fast.
    lazy: bool = False


class Registry:
    """Entries by key, discovered from modules named ``module`` in every app."""

    def __init__(self, module: str) -> None:
        self.module = module
        self._entries: dict[str, Registered] = {}
        self._discovered = False

    def register(
        self, key: str, title: str, order: int = 100, *, lazy: bool = False
    ) -> Callable[[Any], Any]:
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._entries[key] = Registered(key=key, title=title, order=order, build=fn, lazy=lazy)
            return fn

        return decorator

    def entries(self) -> list[Registered]:
        if not self._discovered:
            autodiscover_modules(self.module)
            self._discovered = True
        return sorted(self._entries.values(), key=lambda e: (e.order, e.key))

    def get(self, key: str) -> Registered:
        self.entries()
        return self._entries[key]


REPORT_SECTIONS = Registry("report_sections")
DASHBOARD_PANELS = Registry("dashboard_panels")
MATTER_PANELS = Registry("matter_panels")
REPORT_PANELS = Registry("report_panels")
ISSUE_PANELS = Registry("issue_panels")
DEMO_STEPS = Registry("demo_steps")
DEMO_WIPES = Registry("demo_steps")  # ``(root_unit) -> None``: remove the app's demo rows first
GROUND_TRUTH = Registry("ground_truth")
# ``(actor, matter) -> list[cases.presenters.TimelineLine]``: what an app above cases
# did to a matter (a correction sent), in the matter's timeline.
MATTER_TIMELINE = Registry("matter_timeline")

report_section = REPORT_SECTIONS.register
dashboard_panel = DASHBOARD_PANELS.register
matter_panel = MATTER_PANELS.register
report_panel = REPORT_PANELS.register
issue_panel = ISSUE_PANELS.register
demo_step = DEMO_STEPS.register
demo_wipe_step = DEMO_WIPES.register
ground_truth = GROUND_TRUTH.register
matter_timeline_source = MATTER_TIMELINE.register


# ── navigation: apps add their links; the org context processor filters by permission ──
class NavSection:
    """The sidebar's groups, by task (what a union officer does), in display order."""

    INTAKE = "Tiếp nhận"
    HANDLING = "Xử lý"
    REPORTS = "Báo cáo"
    SURVEYS = "Khảo sát"
    NETWORK = "Mạng lưới"
    ADMIN = "Quản trị"
    # Not a group: the top bar, beside the account's name (notices).
    ACCOUNT = "Tài khoản"


NAV_SECTIONS: tuple[str, ...] = (
    NavSection.INTAKE,
    NavSection.HANDLING,
    NavSection.REPORTS,
    NavSection.SURVEYS,
    NavSection.NETWORK,
    NavSection.ADMIN,
)


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    perm: str | None = None  # None: every signed-in account
    order: int = 100  # within its section
    # ``(user) -> int``: a count of what waits for the account, shown beside the link
    # when above zero; one cheap indexed query, in the app that owns the data.
    badge: Callable[[Any], int] | None = None
    section: str = NavSection.ADMIN  # one of NAV_SECTIONS, or NavSection.ACCOUNT
    staff: bool = False  # only for staff accounts (the Django admin)
    # Read after the count by screen readers ("3 chờ xử lý").
    badge_label: str = "chờ xử lý"
    # The roles (``org.choices.Role`` values) whose work the page is: shown only to an
    # account holding one of them, besides ``perm`` (which still guards the page: anyone
    # holding it may open it by its address). None: every role holding ``perm``.
    roles: frozenset[str] | None = None
    # Shown only to an account holding such a role (granting ``perm``) at a unit with
    # child units (following the children's reports).
    with_children: bool = False


NAV: list[NavEntry] = []


def register_nav(*entries: NavEntry) -> None:
    """Called from an app's ``AppConfig.ready``; idempotent."""
    for entry in entries:
        if entry.section not in (*NAV_SECTIONS, NavSection.ACCOUNT):
            raise ValueError(f"Unknown navigation section {entry.section!r} for {entry.url_name}")
        if entry not in NAV:
            NAV.append(entry)
    NAV.sort(key=lambda e: (e.order, e.label))


# ── the home page: an app may answer "/" for the accounts holding a permission ──
@dataclass(frozen=True)
class HomeEntry:
    """``view`` (a dotted path, imported on the first visit) answers a GET of the home
    page for an account holding ``perm`` (and not ``unless``, when given); the lowest
    ``order`` that applies wins."""

    perm: str
    view: str
    order: int = 100
    # An account holding this one too is someone else's (a collaborator's home is not
    # an analyst's, though both may send reports).
    unless: str | None = None


HOME: list[HomeEntry] = []


def register_home(*entries: HomeEntry) -> None:
    """Called from an app's ``AppConfig.ready``; idempotent."""
    for entry in entries:
        if entry not in HOME:
            HOME.append(entry)
    HOME.sort(key=lambda e: (e.order, e.view))
