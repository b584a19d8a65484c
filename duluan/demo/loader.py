"""Load and wipe the demo province: the services behind ``duluan demo``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from duluan.core.extensions import DEMO_WIPES
from duluan.intake.choices import Source
from duluan.intake.keys import submitter_key
from duluan.intake.models import Report, ReporterIdentity
from duluan.intake.services import ReportData, build_report
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import subtree_q

from .cast import ReportSpec
from .context import DemoContext, run_demo_steps
from .models import DemoTruth
from .org_builder import BuiltOrg, account_rows, org_build
from .orgspec import org_spec
from .people import DEMO_PASSWORD, DEMO_UNITS, PersonSpec, demo_accounts, people_spec
from .reports import plan_reports
from .timeline import Timeline
from .vocab import ROOT_CODE

BATCH = 2000
T = TypeVar("T")
Progress = Callable[[str], None]


@dataclass
class DemoResult:
    seed: int
    units: int
    users: int
    reports: int
    named: int
    seconds: float
    accounts: list[dict[str, Any]]
    timeline: Timeline | None = None
    levels: dict[str, int] = field(default_factory=dict)
    steps: dict[str, dict[str, int]] = field(default_factory=dict)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def demo_root() -> Unit | None:
    root: Unit | None = Unit.objects.filter(code=ROOT_CODE, depth=1).first()
    return root


def demo_wipe() -> dict[str, int]:
    """Remove the demo province, its reports and the demo accounts (``admin`` too).

    Accounts that also hold a role outside the demo province are kept.
    """
    counts = {"reports": 0, "units": 0, "users": 0}
    listed = [name for name, _, _ in demo_accounts()]
    with transaction.atomic():
        root = demo_root()
        user_ids: set[int] = set()
        if root is not None:
            for entry in DEMO_WIPES.entries():
                entry.build(root)
            subtree = Unit.objects.filter(subtree_q(root, field=""))
            inside = set(
                RoleAssignment.objects.filter(unit__in=subtree).values_list("user_id", flat=True)
            )
            elsewhere = RoleAssignment.objects.exclude(unit__in=subtree).filter(user_id__in=inside)
            user_ids = inside - set(elsewhere.values_list("user_id", flat=True))
            counts["reports"] = (
                Report.objects.filter(unit__in=subtree).delete()[1].get("intake.Report", 0)
            )
            counts["units"] = subtree.count()
            Unit.objects.filter(pk=root.pk).delete()
        users = User.objects.filter(pk__in=user_ids) | User.objects.filter(username__in=listed)
        counts["users"] = users.count()
        users.delete()
    return counts


def _write_reports(specs: list[ReportSpec], built: BuiltOrg, seed: int, progress: Progress) -> int:
    keys = {name: submitter_key(user.pk) for name, user in built.users.items()}
    named = 0
    for done, batch in enumerate(_chunks(specs, BATCH), start=1):
        reports = []
        for spec in batch:
            unit = built.units[spec.unit]
            data = ReportData(
                unit_id=unit.pk,
                channel=spec.channel,
                heard_at=spec.heard_at,
                subject=spec.subject,
                text=spec.text,
                kind=spec.kind,
                mood=spec.mood,
                verifiability=spec.verifiability,
                urgency=spec.urgency,
                place=spec.place[:255],
                people_count=spec.people,
                anonymous=not spec.named,
            )
            report = build_report(unit=unit, data=data, source=Source.DEMO)
            report.submitter_key = keys[spec.submitter]
            reports.append(report)
        Report.objects.bulk_create(reports, batch_size=BATCH)
        DemoTruth.objects.bulk_create(
            [
                DemoTruth(
                    report=report,
                    topics=spec.topics,
                    sentiment=spec.sentiment,
                    kind=spec.true_kind,
                    urgency=spec.true_urgency,
                    seed=seed,
                )
                for report, spec in zip(reports, batch, strict=True)
            ],
            batch_size=BATCH,
        )
        identities = []
        for report, spec in zip(reports, batch, strict=True):
            if spec.named:
                user = built.users[spec.submitter]
                identities.append(ReporterIdentity(report=report, user=user, name=user.full_name))
        ReporterIdentity.objects.bulk_create(identities, batch_size=BATCH)
        named += len(identities)
        progress(f"  … {min(done * BATCH, len(specs)):,} / {len(specs):,} phản ánh")
    # Entered when heard: "new this week" counts must follow the timeline, not the load.
    Report.objects.filter(source=Source.DEMO, unit__in=built.units.values()).update(
        created_at=F("heard_at"), updated_at=F("heard_at")
    )
    return named


def demo_load(
    *,
    seed: int = 2026,
    reports: int = 20_000,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Build the demo province and ``reports`` reports over the past 12 months.

    Deterministic: one ``random.Random(seed)`` drives everything, and
    ``today`` (the local date by default) anchors the year, so the same seed on
    the same day gives the same province and the same reports.

    All or nothing: the units, reports and every app's step are written in one
    transaction, so a step that fails leaves no half-built province behind.
    """
    say = progress or (lambda message: None)
    started = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    org = org_spec(rng)
    people = people_spec(rng, org)
    say(f"Sinh {reports:,} phản ánh trong 12 tháng đến {today:%d/%m/%Y} (seed {seed})…")
    specs, tl = plan_reports(rng, org, people, total=reports, today=today)
    with transaction.atomic():
        say(f"Tạo {len(org.units)} đơn vị và {len(people)} vai trò…")
        built = org_build(org, people)
        say("Ghi phản ánh…")
        named = _write_reports(specs, built, seed, say)
        root = demo_root()
        steps: dict[str, dict[str, int]] = {}
        if root is not None:
            context = DemoContext(
                root=root,
                units=built.units,
                users=built.users,
                today=today,
                seed=seed,
                progress=say,
            )
            steps = run_demo_steps(context)
    levels: dict[str, int] = {}
    for unit in org.units:
        levels[unit.level] = levels.get(unit.level, 0) + 1
    return DemoResult(
        seed=seed,
        units=len(built.units),
        users=len(built.users),
        reports=len(specs),
        named=named,
        seconds=time.monotonic() - started,
        accounts=account_rows(people, built),
        timeline=tl,
        levels=levels,
        steps=steps,
    )


def demo_accounts_from_db() -> list[dict[str, Any]]:
    """The documented accounts of an already loaded demo (for --if-empty runs)."""
    users = {
        u.username: u for u in User.objects.filter(username__in=[a[0] for a in demo_accounts()])
    }
    units = {u.code: u for u in Unit.objects.filter(code__in=DEMO_UNITS.values())}
    people = [
        PersonSpec(name, users[name].full_name, role, code, listed=True, superuser=name == "admin")
        for name, role, code in demo_accounts()
        if name in users and code in units
    ]
    return account_rows(people, BuiltOrg(units=units, users=users))


__all__ = ["DEMO_PASSWORD", "DemoResult", "demo_accounts_from_db", "demo_load", "demo_wipe"]
