"""Ten years of network history for the demo province, shaped like the seeds'
figures: ~25 reporters and ~200 collaborators (the demo accounts) plus former
ones, a yearly training class of ~90 people, a monthly collaborators'
briefing and a quarterly reporters' conference, ~2,300 dialogues with
petitions in every state, articles and declarations. Deterministic from
``ctx.rng("network")``; bulk inserts only. No report is added: briefings link
the demo's own "giao ban" reports of the same month.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.intake.models import Report
from duluan.org.choices import Role
from duluan.org.demo_context import DemoContext
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import subtree_q

from .choices import PetitionState, RosterStatus
from .models import (
    Article,
    Briefing,
    BriefingAttendance,
    BriefingOpinion,
    Declaration,
    DeclaredPage,
    Dialogue,
    DialogueObligation,
    Evaluation,
    MediaGroup,
    NetworkMember,
    Petition,
    PetitionUpdate,
    RosterEvent,
    TrainingAttendance,
    TrainingClass,
)
from .selectors.activity import activities_for, suggested_grade
from .services.meetings import person_key

YEARS = 10
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thu", "Đức", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tú",
    "Vân",
    "Yến",
]
PETITIONS = [
    "Đề nghị tăng phụ cấp độc hại cho tổ sơn",
    "Đề nghị bố trí thêm xe đưa đón công nhân ca đêm",
    "Kiến nghị nâng chất lượng bữa ăn giữa ca",
    "Đề nghị thanh toán tiền làm thêm giờ đúng hạn",
    "Kiến nghị ký lại hợp đồng lao động đúng thời hạn",
    "Đề nghị tổ chức khám sức khỏe định kỳ cho lao động nữ",
    "Kiến nghị làm nhà gửi xe có mái che",
    "Đề nghị công khai cách tính thưởng Tết",
    "Kiến nghị đóng bảo hiểm xã hội đủ mức lương thực trả",
    "Đề nghị hỗ trợ tiền nhà trọ cho công nhân ngoại tỉnh",
]
ANSWERERS = [
    "Giám đốc công ty",
    "Phòng Hành chính - Nhân sự",
    "Ban chấp hành công đoàn cơ sở",
    "Phòng Kế toán",
]
REFUSALS = [
    "Ngoài thẩm quyền của doanh nghiệp",
    "Doanh nghiệp đang khó khăn, chưa cân đối được",
    "Trái quy định hiện hành",
]
ARTICLE_TITLES = [
    "Chính sách mới về bảo hiểm xã hội từ ngày 1/7",
    "Bác bỏ thông tin sai về việc cắt thưởng Tết",
    "Gương người tốt việc tốt trong công nhân lao động",
    "Hướng dẫn thủ tục hưởng chế độ thai sản",
    "Mái ấm Công đoàn trao nhà cho đoàn viên khó khăn",
    "Sự thật về tin đồn doanh nghiệp giải thể",
    "Tháng Công nhân: chăm lo đời sống người lao động",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@demo_step("network", "Mạng lưới, tập huấn, giao ban, đối thoại (10 năm)", order=50)
def network_demo(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network")
    today = ctx.today
    first = date(today.year - YEARS, 1, 1)
    units = list(Unit.objects.filter(subtree_q(ctx.root, field="")).order_by("path"))
    parents = {u.path for u in units}
    grassroots = [
        u for u in units if not any(p != u.path and p.startswith(u.path) for p in parents)
    ]
    uppers = [u for u in units if u.depth == ctx.root.depth + 1]
    counts: dict[str, int] = {}

    # ── roster: the demo's collaborator and reporter accounts, and former ones ──
    roles = list(
        RoleAssignment.objects.filter(
            unit__in=units, role__in=[Role.COLLABORATOR, Role.REPORTER], is_active=True
        )
        .select_related("user", "unit")
        .order_by("user__username", "pk")
    )
    members: list[NetworkMember] = []
    starts: list[date] = []
    for ra in roles:
        members.append(
            NetworkMember(
                kind="ctv" if ra.role == Role.COLLABORATOR else "bcv",
                full_name=ra.user.full_name or ra.user.username,
                user=ra.user,
                unit=ra.unit,
                status=RosterStatus.ACTIVE,
                fields_followed=rng.choice(
                    ["Tiền lương, thu nhập", "Việc làm", "An toàn lao động", "BHXH, BHYT", "Nhà ở"]
                ),
            )
        )
        starts.append(
            _day(rng, first, today - timedelta(days=60))
            if rng.random() < 0.8
            else _day(rng, first, first + timedelta(days=400))
        )
    former = 70
    for _ in range(former):
        unit = rng.choice(grassroots)
        members.append(
            NetworkMember(kind="ctv", full_name=_name(rng), unit=unit, status=RosterStatus.LEFT)
        )
        starts.append(_day(rng, first, date(today.year - 4, 1, 1)))
    NetworkMember.objects.bulk_create(members, batch_size=500)
    members = list(NetworkMember.objects.filter(unit__in=units).order_by("pk"))
    events: list[RosterEvent] = []
    paused = 0
    for member, start in zip(members, starts, strict=True):
        issuer = "Ban Thường vụ " + (ctx.root.short_name or ctx.root.name)
        events.append(
            RosterEvent(
                member=member,
                kind="bo_nhiem",
                on=start,
                unit=member.unit,
                status=RosterStatus.ACTIVE,
                decision_no=f"{rng.randint(10, 300)}/QĐ-LĐLĐ",
                decision_date=start - timedelta(days=rng.randint(1, 10)),
                issuer=issuer,
                term_end=date(start.year + 5, 12, 31),
            )
        )
        if member.status == RosterStatus.LEFT:
            left = _day(rng, start + timedelta(days=200), min(today, start + timedelta(days=2000)))
            events.append(
                RosterEvent(
                    member=member,
                    kind="thoi",
                    on=left,
                    unit=member.unit,
                    status=RosterStatus.LEFT,
                    note="Chuyển công tác",
                )
            )
        elif member.user_id and rng.random() < 0.05:
            on = _day(rng, start + timedelta(days=30), today)
            events.append(
                RosterEvent(
                    member=member,
                    kind="trang_thai",
                    on=on,
                    unit=member.unit,
                    status=RosterStatus.PAUSED,
                    note="Nghỉ thai sản",
                )
            )
            member.status = RosterStatus.PAUSED
            paused += 1
    RosterEvent.objects.bulk_create(events, batch_size=1000)
    NetworkMember.objects.filter(
        pk__in=[m.pk for m in members if m.status == RosterStatus.PAUSED]
    ).update(status=RosterStatus.PAUSED)
    counts["người trong danh sách"] = len(members)
    counts["diễn biến"] = len(events)

    # ── media groups: every upper union and the province; some grassroots fanpages ──
    groups = [
        MediaGroup(
            unit=u,
            platform="zalo",
            name=f"Zalo {u.short_name or u.name}",
            members=rng.randint(80, 900),
            opened_on=_day(rng, first, date(today.year - 6, 1, 1)),
        )
        for u in [ctx.root, *uppers]
    ]
    groups += [
        MediaGroup(
            unit=u,
            platform="fanpage",
            name=f"Fanpage {u.short_name or u.name}",
            members=rng.randint(50, 3000),
            opened_on=_day(rng, first, today),
        )
        for u in grassroots
        if rng.random() < 0.3
    ]
    MediaGroup.objects.bulk_create(groups)
    counts["nhóm truyền thông"] = len(groups)

    start_of = {m.pk: s for m, s in zip(members, starts, strict=True)}
    active_ctv = [m for m in members if m.user_id]

    # ── training: a yearly class of ~90 at the province, sometimes a second at an upper union ──
    classes: list[TrainingClass] = []
    for year in range(first.year, today.year + 1):
        day = date(year, rng.choice([3, 4, 5, 9, 10]), rng.randint(3, 25))
        if day >= today:
            continue
        classes.append(
            TrainingClass(
                unit=ctx.root,
                title=f"Tập huấn nghiệp vụ công tác dư luận xã hội năm {year}",
                topic="Nắm bắt, phản ánh, định hướng dư luận",
                starts_on=day,
                ends_on=day + timedelta(days=1),
                place="Hội trường LĐLĐ tỉnh",
                trainers="Ban Tuyên giáo",
            )
        )
        if rng.random() < 0.4:
            host = rng.choice(uppers)
            extra_day = min(today - timedelta(days=1), day + timedelta(days=rng.randint(20, 90)))
            classes.append(
                TrainingClass(
                    unit=host,
                    title=f"Bồi dưỡng kỹ năng cho cộng tác viên {host.short_name or host.name}",
                    starts_on=extra_day,
                    ends_on=extra_day,
                    online=rng.random() < 0.3,
                )
            )
    TrainingClass.objects.bulk_create(classes)
    attendances: list[TrainingAttendance] = []
    for training in TrainingClass.objects.filter(unit__in=units).order_by("pk"):
        eligible = [m for m in active_ctv if start_of[m.pk] <= training.starts_on]
        size = rng.randint(70, 100) if training.unit_id == ctx.root.pk else rng.randint(25, 45)
        chosen = rng.sample(eligible, min(len(eligible), int(size * 0.7)))
        for m in chosen:
            present = rng.random() < 0.93
            attendances.append(
                TrainingAttendance(
                    training=training,
                    member=m,
                    full_name=m.full_name,
                    unit_id=m.unit_id,
                    person_key=person_key(m.pk, m.full_name, m.unit_id),
                    registered=True,
                    checked_in_at=_at(training.starts_on) if present else None,
                    source="bang_ky",
                    rating=rng.randint(3, 5) if present else None,
                )
            )
        for _ in range(size - len(chosen)):
            unit = rng.choice(grassroots)
            name = _name(rng)
            attendances.append(
                TrainingAttendance(
                    training=training,
                    full_name=name,
                    unit=unit,
                    person_key=person_key(None, name, unit.pk) + f"#{len(attendances)}",
                    registered=True,
                    checked_in_at=_at(training.starts_on),
                    source="bang_ky",
                )
            )
    TrainingAttendance.objects.bulk_create(attendances, batch_size=1000, ignore_conflicts=True)
    counts["lớp tập huấn"] = len(classes)
    counts["lượt học viên"] = len(attendances)

    # ── briefings: monthly for collaborators, quarterly for reporters ──
    briefings: list[Briefing] = []
    month = date(first.year, 1, 1)
    while month < today.replace(day=1):
        day = month.replace(day=min(28, 5 + rng.randint(0, 10)))
        briefings.append(
            Briefing(
                unit=ctx.root,
                kind="ctv_thang",
                title=f"Giao ban cộng tác viên tháng {month.month}/{month.year}",
                held_at=_at(day),
                place="Phòng họp LĐLĐ tỉnh",
                chair="Phó Chủ tịch LĐLĐ tỉnh",
                secretary="Ban Tuyên giáo",
                agenda="Tình hình tư tưởng, dư luận trong tháng\nPhổ biến chủ trương, chính sách mới",
                info_given="Thông báo kết luận của Ban Thường vụ",
            )
        )
        if month.month in (3, 6, 9, 12):
            briefings.append(
                Briefing(
                    unit=ctx.root,
                    kind="bcv_quy",
                    title=f"Hội nghị báo cáo viên quý {month.month // 3}/{month.year}",
                    held_at=_at(day + timedelta(days=2), 14),
                    place="Hội trường LĐLĐ tỉnh",
                    chair="Chủ tịch LĐLĐ tỉnh",
                )
            )
        month = (month + timedelta(days=32)).replace(day=1)
    Briefing.objects.bulk_create(briefings)
    saved = list(Briefing.objects.filter(unit=ctx.root).order_by("held_at"))
    rows: list[BriefingAttendance] = []
    for b in saved:
        day = timezone.localtime(b.held_at).date()
        pool = [
            m
            for m in active_ctv
            if start_of[m.pk] <= day and (m.kind == "bcv") == (b.kind == "bcv_quy")
        ]
        for m in rng.sample(pool, min(len(pool), rng.randint(15, 30))):
            rows.append(
                BriefingAttendance(briefing=b, member=m, full_name=m.full_name, present=True)
            )
    BriefingAttendance.objects.bulk_create(rows, batch_size=1000)
    # The demo's own "giao ban" reports, linked to the month's briefing (none added).
    by_month: dict[tuple[int, int], Briefing] = {}
    for b in saved:
        if b.kind == "ctv_thang":
            local = timezone.localtime(b.held_at)
            by_month[(local.year, local.month)] = b
    links = []
    # In id order: one random draw per report, the same draws on every database.
    for report_id, heard_at in (
        Report.objects.filter(unit__in=units, channel="giao_ban")
        .order_by("pk")
        .values_list("pk", "heard_at")
    ):
        local = timezone.localtime(heard_at)
        if (local.year, local.month) in by_month and rng.random() < 0.5:
            links.append(
                BriefingOpinion(briefing=by_month[(local.year, local.month)], report_id=report_id)
            )
    BriefingOpinion.objects.bulk_create(links, batch_size=1000)
    counts["cuộc giao ban"] = len(saved)
    counts["ý kiến tại giao ban"] = len(links)

    # ── dialogues and petitions: ~230 a year at grassroots unions ──
    DialogueObligation.objects.bulk_create(
        [
            DialogueObligation(unit=u, since_year=first.year, note="Nghị định 145/2020/NĐ-CP")
            for u in grassroots
        ]
    )
    dialogues: list[Dialogue] = []
    for year in range(first.year, today.year + 1):
        end = min(date(year, 12, 31), today - timedelta(days=1))
        per_year = (
            rng.randint(215, 240)
            if year < today.year
            else int(230 * (today.timetuple().tm_yday / 366))
        )
        hosts = rng.sample(
            grassroots,
            min(len(grassroots), int(len(grassroots) * (0.8 if year < today.year else 0.7))),
        )
        for i in range(per_year):
            unit = hosts[i] if i < len(hosts) else rng.choice(grassroots)
            dialogues.append(
                Dialogue(
                    unit=unit,
                    kind=rng.choices(
                        ["doi_thoai", "hoi_nghi_nld", "hoi_nghi_cbccvc", "tiep_xuc_cu_tri"],
                        [55, 35, 7, 3],
                    )[0],
                    held_on=_day(rng, date(year, 1, 1), end),
                    enterprise=unit.name,
                    parties="Người sử dụng lao động, Ban chấp hành công đoàn, đại diện người lao động",
                    participants=rng.randint(20, 400),
                )
            )
    Dialogue.objects.bulk_create(dialogues, batch_size=1000)
    petitions: list[Petition] = []
    plan: list[tuple[str, datetime | None]] = []
    now = ctx.now()
    for d in Dialogue.objects.filter(unit__in=units).order_by("pk"):
        for _ in range(rng.choices([0, 1, 2, 3], [20, 35, 30, 15])[0]):
            due = _at(d.held_on + timedelta(days=rng.choice([15, 30, 45])), 17)
            age = (today - d.held_on).days
            if age > 400:
                state = rng.choices([PetitionState.RESOLVED, PetitionState.REFUSED], [88, 12])[0]
            else:
                state = rng.choices(list(PetitionState), [20, 25, 45, 10])[0]
            closed = (
                min(now - timedelta(days=1), due + timedelta(days=rng.randint(-10, 20)))
                if state in (PetitionState.RESOLVED, PetitionState.REFUSED)
                else None
            )
            petitions.append(
                Petition(
                    dialogue=d,
                    unit_id=d.unit_id,
                    content=rng.choice(PETITIONS),
                    answerer=rng.choice(ANSWERERS),
                    due_at=due,
                    state=state,
                    answer="Doanh nghiệp đã tiếp thu và thực hiện"
                    if state == PetitionState.RESOLVED
                    else "",
                    reason=rng.choice(REFUSALS) if state == PetitionState.REFUSED else "",
                    closed_at=closed,
                    created_at=_at(d.held_on, 10),
                )
            )
            plan.append((state, closed))
    Petition.objects.bulk_create(petitions, batch_size=1000)
    saved_p = list(
        Petition.objects.filter(unit__in=units)
        .order_by("pk")
        .values_list("pk", "created_at", "state", "closed_at")
    )
    updates = [
        PetitionUpdate(
            petition_id=pk, state=PetitionState.OPEN, note="Ghi nhận tại hội nghị", at=created
        )
        for pk, created, _, _ in saved_p
    ]
    updates += [
        PetitionUpdate(
            petition_id=pk, state=state, note="", at=closed or created + timedelta(days=7)
        )
        for pk, created, state, closed in saved_p
        if state != PetitionState.OPEN
    ]
    PetitionUpdate.objects.bulk_create(updates, batch_size=2000)
    counts["đối thoại, hội nghị"] = len(dialogues)
    counts["kiến nghị"] = len(petitions)

    # ── articles ──
    writers = [m for m in active_ctv if m.kind == "ctv"]
    articles = []
    for year in range(first.year, today.year + 1):
        for _ in range(rng.randint(70, 130)):
            day = _day(rng, date(year, 1, 1), min(date(year, 12, 31), today))
            author = rng.choice(writers) if writers and rng.random() < 0.6 else None
            title = rng.choice(ARTICLE_TITLES)
            articles.append(
                Article(
                    unit=author.unit if author else rng.choice([ctx.root, *uppers]),
                    kind=rng.choice(["bai_viet", "bai_dang", "bai_dang", "video"]),
                    platform=rng.choice(["fanpage", "zalo", "website", "fanpage"]),
                    title=title,
                    published_on=day,
                    author=author,
                    author_name=author.full_name if author else "Ban Tuyên giáo",
                    reach=int(rng.lognormvariate(7, 1)),
                    interactions=int(rng.lognormvariate(4, 1)),
                    counters_rumour="Bác bỏ" in title or "Sự thật" in title,
                    source="demo",
                )
            )
    Article.objects.bulk_create(articles, batch_size=1000)
    counts["bài viết"] = len(articles)

    # ── declarations: most staff have declared ──
    people = list(
        User.objects.filter(roles__unit__in=units, roles__is_active=True)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    home = {
        ra_user: ra_unit
        for ra_user, ra_unit in RoleAssignment.objects.filter(unit__in=units, is_active=True)
        .order_by("-pk")
        .values_list("user_id", "unit_id")
    }
    declarations, pages_for = [], []
    for user_id in people:
        if rng.random() < 0.12:
            continue
        no_pages = rng.random() < 0.15
        declarations.append(
            Declaration(
                user_id=user_id,
                unit_id=home[user_id],
                declared_at=_at(_day(rng, date(today.year - 2, 1, 1), today)),
                no_pages=no_pages,
            )
        )
        pages_for.append(0 if no_pages else rng.randint(1, 2))
    Declaration.objects.bulk_create(declarations, batch_size=1000)
    saved_d = list(Declaration.objects.filter(unit__in=units).order_by("pk"))
    pages = [
        DeclaredPage(
            declaration=d,
            platform=rng.choice(["facebook", "zalo", "tiktok"]),
            address=f"tai-khoan-mau-{d.pk}-{i}",
            purpose="Liên lạc cá nhân",
        )
        for d, n in zip(saved_d, pages_for, strict=True)
        for i in range(n)
    ]
    DeclaredPage.objects.bulk_create(pages, batch_size=1000)
    counts["bản khai báo"] = len(declarations)

    # ── last year's evaluations, most signed ──
    year = today.year - 1
    signer = (
        User.objects.filter(roles__unit=ctx.root, roles__role=Role.LEADER).order_by("pk").first()
    )
    evaluations = []
    graded = [m for m in active_ctv if start_of[m.pk] <= date(year, 6, 30)]
    found = activities_for(graded, date(year, 1, 1), date(year + 1, 1, 1))
    for m in graded:
        activity = found[m.pk]
        score = activity.score()
        grade = suggested_grade(score)
        signed = rng.random() < 0.7
        evaluations.append(
            Evaluation(
                member=m,
                year=year,
                figures=activity.__dict__,
                score=score,
                suggested=grade,
                grade=grade,
                signed_by=signer if signed else None,
                signed_at=_at(date(year + 1, 1, 20)) if signed else None,
            )
        )
    Evaluation.objects.bulk_create(evaluations, batch_size=500)
    counts["phiếu đánh giá"] = len(evaluations)
    return counts


@demo_wipe_step("network", "Xoá dữ liệu mạng lưới mẫu")
def network_wipe(root: Unit) -> None:
    subtree = subtree_q(root)
    Article.objects.filter(subtree).delete()
    Dialogue.objects.filter(subtree).delete()
    Petition.objects.filter(subtree).delete()
    Briefing.objects.filter(subtree).delete()
    TrainingClass.objects.filter(subtree).delete()
    RosterEvent.objects.filter(subtree).delete()
    NetworkMember.objects.filter(subtree).delete()
    Declaration.objects.filter(subtree).delete()
    MediaGroup.objects.filter(subtree).delete()
    DialogueObligation.objects.filter(subtree).delete()
