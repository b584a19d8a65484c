"""Who works the demo province: documented demo accounts and generated staff."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from duluan.org.choices import Role

from . import vocab
from .orgspec import OrgSpec

# Public by design: printed by `duluan demo` and written in the README.
DEMO_PASSWORD = "duluan-demo-2026"  # noqa: S105
SUPERUSER = "admin"
ROLE_SLUGS: dict[str, str] = {
    Role.COLLABORATOR: "ctv",
    Role.REPORTER: "bcv",
    Role.OFFICER: "canbo",
    Role.LEADER: "lanhdao",
    Role.ANALYST: "phantich",
    Role.ADMIN: "quantri",
}
# Prefix → unit code: province, one upper-level union, two sibling grassroots unions.
DEMO_UNITS = {"tinh": "SH", "kcn": "SH-KCN", "cs1": "SH-KCN-001", "cs2": "SH-KCN-002"}
TARGET_COLLABORATORS = 200
TARGET_REPORTERS = 25


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    role: str
    unit: str  # code
    listed: bool = False  # a documented demo account
    superuser: bool = False


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, unit code) of the documented accounts, superuser last."""
    out: list[tuple[str, str, str]] = []
    for prefix, code in DEMO_UNITS.items():
        roles = Role.values if prefix != "cs2" else [Role.OFFICER, Role.COLLABORATOR]
        out += [(f"{prefix}.{ROLE_SLUGS[role]}", role, code) for role in roles]
    out.append((SUPERUSER, Role.ADMIN, DEMO_UNITS["tinh"]))
    return out


def full_name(rng: random.Random) -> str:
    surname = rng.choice(vocab.SURNAMES)
    if rng.random() < 0.55:
        return f"{surname} {rng.choice(vocab.MIDDLE_FEMALE)} {rng.choice(vocab.GIVEN_FEMALE)}"
    return f"{surname} {rng.choice(vocab.MIDDLE_MALE)} {rng.choice(vocab.GIVEN_MALE)}"


def _collaborator_units(rng: random.Random, org: OrgSpec, taken: int) -> list[str]:
    """Unit codes of generated collaborators: a few above, most at grassroots."""
    codes = [org.units[0].code] * 4
    for upper in org.uppers:
        codes += [upper.code] * (3 if upper.code.endswith("KCN") else rng.randint(1, 2))
    grassroots = org.grassroots
    weights = [math.sqrt(u.members) for u in grassroots]
    # About three in four grassroots unions have a collaborator team.
    covered: list[str] = []
    pool = list(zip(grassroots, weights, strict=True))
    while len(covered) < int(len(grassroots) * 0.75) and pool:
        pick = rng.choices(range(len(pool)), [w for _, w in pool])[0]
        covered.append(pool.pop(pick)[0].code)
    codes += covered
    count = {code: 1 for code in covered}
    big = [u.code for u in grassroots if u.code in count and u.members >= 800]
    while len(codes) + taken < TARGET_COLLABORATORS and big:
        code = rng.choice(big)
        codes.append(code)
        count[code] += 1
        if count[code] >= 3:
            big.remove(code)
    return codes


def people_spec(rng: random.Random, org: OrgSpec) -> list[PersonSpec]:
    """Documented accounts first, then generated collaborators, reporters and staff."""
    people = [
        PersonSpec(name, full_name(rng), role, code, listed=True, superuser=name == SUPERUSER)
        for name, role, code in demo_accounts()
    ]
    listed = sum(1 for p in people if p.role == Role.COLLABORATOR)
    for i, code in enumerate(_collaborator_units(rng, org, listed)):
        people.append(PersonSpec(f"ctv.{i + 1:03d}", full_name(rng), Role.COLLABORATOR, code))
    uppers = [u.code for u in org.uppers]
    reporter_units = [org.units[0].code] * 4 + uppers + ["SH-KCN", "SH-GD", "SH-YT"]
    listed = sum(1 for p in people if p.role == Role.REPORTER)
    for i, code in enumerate(reporter_units[: TARGET_REPORTERS - listed]):
        people.append(PersonSpec(f"bcv.{i + 1:02d}", full_name(rng), Role.REPORTER, code))
    staff = [(Role.OFFICER, "canbo", [org.units[0].code, *uppers])]
    staff += [(Role.LEADER, "lanhdao", [org.units[0].code, *uppers])]
    staff += [(Role.ANALYST, "phantich", [org.units[0].code])]
    for role, slug, codes in staff:
        for i, code in enumerate(codes):
            people.append(PersonSpec(f"{slug}.{i + 1:02d}", full_name(rng), role, code))
    return people
