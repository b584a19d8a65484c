"""The access rule, proved cell by cell for every page and every API operation.

The world (in ``matrix.py``): one report (with an attachment and a named
reporter) and one unit belong to the grassroots union ``cs_a1``. For every
role, an account sits in that same unit, in its parent, in a child, in a
sibling grassroots union and in another branch; plus an anonymous visitor.
Each (endpoint, actor) pair is its own test:

* anonymous: pages redirect to the sign-in page, the API answers 401;
* out of reach: 404, never 403 and never the data;
* in sight but not allowed to act (``Case.forbidden``): 403;
* in reach: 200 (201 for a create).

The tables below name the core pages and operations; each app adds its own in
``duluan/<app>/tests/access_cases.py`` (see ``matrix.py``). A page or an
operation added without an entry makes ``test_matrix_covers_every_page`` /
``test_matrix_covers_every_api_operation`` fail.

duluan: clock-independent (its dates only make the world; who sees what does not depend on the day).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from duluan.api.router import api
from duluan.conftest import PASSWORD
from duluan.org.choices import Perm, Role

from .matrix import (
    ACTORS,
    REPORTER_NAME,
    SUBJECT,
    Actor,
    Case,
    World,
    _item_ids,
    actor_id,
    anyone,
    app_tables,
    build_world,
    holds,
    nobody,
    reaches,
    report_item,
    report_linked,
    sees_identity,
    unit_item,
    unit_linked,
    unit_offered,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    # One outer transaction for the module; each test's own transaction nests
    # inside it as a savepoint, so the per-test rollback keeps this data.
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                built = build_world()
                for table in APP_TABLES:
                    if hasattr(table, "build"):
                        table.build(built)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def http() -> Client:
    """One client for the module: each new Client pays WhiteNoise's ~0.2 s start-up scan."""
    return Client()


@pytest.fixture
def browser(http: Client) -> Client:
    """The shared client with no session: each cell signs in afresh."""
    http.cookies.clear()
    return http


PAGES: dict[str, Case] = {
    "home": Case(lambda w: reverse("home"), anyone),
    "healthz": Case(lambda w: reverse("healthz"), anyone, public=True),
    "login": Case(lambda w: reverse("login"), anyone, public=True),
    "logout": Case(lambda w: reverse("logout"), anyone, method="POST", ok=302, public=True),
    "password_reset": Case(lambda w: reverse("password_reset"), anyone, public=True),
    "password_reset_done": Case(lambda w: reverse("password_reset_done"), anyone, public=True),
    "password_reset_confirm": Case(
        lambda w: reverse("password_reset_confirm", args=["MQ", "sai-ma"]), anyone, public=True
    ),
    "password_reset_complete": Case(
        lambda w: reverse("password_reset_complete"), anyone, public=True
    ),
    # Two-factor is waived in tests (conftest); the code page itself needs a signed-in account.
    "two_factor": Case(lambda w: reverse("two_factor"), anyone),
    "org_tree": Case(
        lambda w: f"{reverse('org_tree')}?q={w.unit.code}",
        anyone,
        shows=(unit_linked, reaches(Perm.UNIT_VIEW)),
    ),
    "org_unit_detail": Case(
        lambda w: reverse("org_unit_detail", args=[w.unit.pk]), reaches(Perm.UNIT_VIEW)
    ),
    "org_tree_children": Case(
        lambda w: reverse("org_tree_children", args=[w.unit.pk]), reaches(Perm.UNIT_VIEW)
    ),
    "intake:report_list": Case(
        lambda w: reverse("intake:report_list"),
        holds(Perm.REPORT_VIEW),
        shows=(report_linked, reaches(Perm.REPORT_VIEW)),
    ),
    "intake:report_create": Case(
        lambda w: reverse("intake:report_create"),
        holds(Perm.REPORT_SUBMIT),
        shows=(unit_offered, reaches(Perm.REPORT_SUBMIT)),
    ),
    "intake:my_reports": Case(
        lambda w: reverse("intake:my_reports"), anyone, shows=(report_linked, nobody)
    ),
    "intake:report_detail": Case(
        lambda w: reverse("intake:report_detail", args=[w.report.pk]),
        reaches(Perm.REPORT_VIEW),
        identity=True,
    ),
    # A lazy panel of the report page: its rows are scoped by the panel (here the
    # related reports, none of which the world holds), the report by its reach.
    "intake:report_panel": Case(
        lambda w: reverse("intake:report_panel", args=[w.report.pk, "nlp.related"]),
        reaches(Perm.REPORT_VIEW),
    ),
    "intake:attachment_download": Case(
        lambda w: reverse("intake:attachment_download", args=[w.attachment.pk]),
        reaches(Perm.REPORT_VIEW),
    ),
    "intake:report_import": Case(
        lambda w: reverse("intake:report_import"),
        holds(Perm.REPORT_IMPORT),
    ),
    "intake:import_template": Case(
        lambda w: reverse("intake:import_template", args=["xlsx"]),
        holds(Perm.REPORT_IMPORT),
    ),
}


def report_body(world: World, actor: Actor) -> dict[str, Any]:
    return {
        "unit_id": world.unit.pk,
        "channel": "dien_thoai",
        "heard_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "subject": "Phản ánh gửi qua API",
        "text": "Người lao động hỏi về chế độ thai sản.",
        "kind": "cau_hoi",
        "mood": "trung_lap",
        "verifiability": "mot_nguon",
    }


def credentials(world: World, actor: Actor) -> dict[str, Any]:
    if actor is None:
        return {"username": "khong_ton_tai", "password": "sai-mat-khau-roi"}
    return {"username": world.users[actor].username, "password": PASSWORD}


API: dict[tuple[str, str], Case] = {
    ("POST", "/api/auth/token"): Case(
        lambda w: "/api/auth/token", anyone, method="POST", body=credentials
    ),
    ("GET", "/api/auth/ping"): Case(lambda w: "/api/auth/ping", anyone),
    ("GET", "/api/me"): Case(lambda w: "/api/me", anyone),
    ("GET", "/api/tokens"): Case(lambda w: "/api/tokens", anyone),
    # Someone else's token: nobody else may revoke it, whatever their role.
    ("DELETE", "/api/tokens/{token_id}"): Case(
        lambda w: f"/api/tokens/{w.foreign_token_id}", nobody, method="DELETE", ok=204
    ),
    ("GET", "/api/reports"): Case(
        lambda w: "/api/reports?limit=200", anyone, shows=(report_item, reaches(Perm.REPORT_VIEW))
    ),
    ("POST", "/api/reports"): Case(
        lambda w: "/api/reports",
        reaches(Perm.REPORT_SUBMIT),
        method="POST",
        ok=201,
        body=report_body,
    ),
    ("GET", "/api/reports/{report_id}"): Case(
        lambda w: f"/api/reports/{w.report.pk}", reaches(Perm.REPORT_VIEW), identity=True
    ),
    ("GET", "/api/units"): Case(
        lambda w: "/api/units?limit=200", anyone, shows=(unit_item, reaches(Perm.UNIT_VIEW))
    ),
    ("GET", "/api/units/{unit_id}"): Case(
        lambda w: f"/api/units/{w.unit.pk}", reaches(Perm.UNIT_VIEW)
    ),
    ("GET", "/api/openapi.json"): Case(lambda w: "/api/openapi.json", anyone, public=True),
    ("GET", "/api/docs"): Case(lambda w: "/api/docs", anyone, public=True),
}


APP_TABLES = app_tables()
for _table in APP_TABLES:
    for _name in getattr(_table, "PAGES", {}):
        assert _name not in PAGES, f"page {_name} is in two matrix tables"
    for _op in getattr(_table, "API", {}):
        assert _op not in API, f"operation {_op} is in two matrix tables"
    PAGES.update(getattr(_table, "PAGES", {}))
    API.update(getattr(_table, "API", {}))


# ── the tables cover everything that resolves ────────────────────────────────
def discovered_pages() -> set[str]:
    """Every named page under config/urls.py, except the admin and the API."""
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in {"admin", "api"}:
                    continue
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern):
                names.add(f"{prefix}{pattern.name}" if pattern.name else f"<unnamed {pattern}>")

    walk(get_resolver().url_patterns, "")
    return names


def discovered_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    }
    docs = {("GET", reverse("api:openapi-json")), ("GET", reverse("api:openapi-view"))}
    return operations | docs


def test_matrix_covers_every_page() -> None:
    found = discovered_pages()
    assert found - PAGES.keys() == set(), "pages without an access-matrix entry"
    assert PAGES.keys() - found == set(), "matrix entries for pages that no longer exist"


def test_matrix_covers_every_api_operation() -> None:
    found = discovered_operations()
    assert found - API.keys() == set(), "API operations without an access-matrix entry"
    assert API.keys() - found == set(), "matrix entries for operations that no longer exist"


# ── the cells ────────────────────────────────────────────────────────────────
# A public endpoint answers everyone alike: one signed-in actor stands for all.
PUBLIC_ACTORS: list[Actor] = [None, (Role.OFFICER, "same")]


def _cells(table: dict[Any, Case], label: Callable[[Any], str]) -> list[Any]:
    cells = []
    for key, case in table.items():
        for actor in PUBLIC_ACTORS if case.public else ACTORS:
            cells.append(pytest.param(key, actor, id=f"{label(key)}-{actor_id(actor)}"))
    return cells


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        # Consuming the stream closes the response (the test client's wrapper);
        # closing it again would fire request_finished and drop the connection.
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("application/json") and content:
        # Escaped non-ASCII would hide Vietnamese text from the leak checks.
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content.decode("utf-8", errors="replace")


def _check_answer(world: World, case: Case, actor: Actor, response: Any) -> None:
    """In reach: ``ok``; out of reach: 404 without the data; lists show only what is in reach."""
    assert actor is not None or case.public
    allowed = actor is None or case.allowed(*actor)
    forbidden = actor is not None and case.forbidden is not None and case.forbidden(*actor)
    expected = case.ok if allowed else 403 if forbidden else 404
    assert response.status_code == expected, _text(response)[:300]
    text = _text(response)
    if actor is None:
        return
    if case.shows is not None and allowed:
        present, visible_to = case.shows
        assert present(world, text) == visible_to(*actor)
    if SUBJECT in text:
        assert reaches(Perm.REPORT_VIEW)(*actor), "the report leaked out of reach"
    assert (REPORTER_NAME in text) == (case.identity and allowed and sees_identity(*actor))


@pytest.mark.parametrize(("name", "actor"), _cells(PAGES, str))
def test_page(world: World, browser: Client, name: str, actor: Actor) -> None:
    client = browser
    case = PAGES[name]
    if actor is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[actor]
    if case.body is not None:  # a form post
        form = urlencode(case.body(world, actor), doseq=True)
        content_type = "application/x-www-form-urlencoded"
        response = client.generic(case.method, case.url(world), form, content_type=content_type)
    else:
        response = client.generic(case.method, case.url(world))
    if actor is None and not case.public:
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")
        return
    _check_answer(world, case, actor, response)


@pytest.mark.parametrize(("operation", "actor"), _cells(API, " ".join))
def test_api(world: World, browser: Client, operation: tuple[str, str], actor: Actor) -> None:
    case = API[operation]
    headers = {"Authorization": f"Bearer {world.tokens[actor]}"} if actor is not None else {}
    body = json.dumps(case.body(world, actor)) if case.body else ""
    response = browser.generic(
        case.method, case.url(world), body, content_type="application/json", headers=headers
    )
    if actor is None and not case.public:
        assert response.status_code == 401
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json()["detail"]
        return
    _check_answer(world, case, actor, response)


@pytest.mark.parametrize("actor", ACTORS[1:], ids=actor_id)
def test_token_flow(world: World, browser: Client, actor: tuple[str, str]) -> None:
    """Obtain a token with a password, then read the report by id and by list."""
    client = browser
    response = client.post(
        "/api/auth/token", credentials(world, actor), content_type="application/json"
    )
    assert response.status_code == 200
    headers = {"Authorization": f"Bearer {response.json()['token']}"}
    in_reach = reaches(Perm.REPORT_VIEW)(*actor)
    detail = client.get(f"/api/reports/{world.report.pk}", headers=headers)
    assert detail.status_code == (200 if in_reach else 404)
    listed = client.get("/api/reports", {"limit": 200}, headers=headers)
    assert listed.status_code == 200
    assert report_item(world, listed.content.decode()) == in_reach


# ── the acceptance point, spelled out ────────────────────────────────────────
def test_grassroots_officer_never_reads_sibling_report(world: World, browser: Client) -> None:
    client = browser
    report, owner = world.report, world.unit
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[(Role.OFFICER, "sibling")]
    pages = [
        client.get(reverse("intake:report_list")),
        client.get(reverse("intake:report_list"), {"q": "no luong thang 13"}),
        client.get(reverse("intake:report_list"), {"kind": report.kind}),
    ]
    for page in pages:
        assert page.status_code == 200
        assert SUBJECT not in page.content.decode()
        assert not report_linked(world, page.content.decode())
    assert client.get(reverse("intake:report_list"), {"unit": owner.pk}).status_code == 404
    assert client.get(reverse("intake:report_detail", args=[report.pk])).status_code == 404
    attachment_url = reverse("intake:attachment_download", args=[world.attachment.pk])
    assert client.get(attachment_url).status_code == 404

    client.cookies.clear()
    auth = {"Authorization": f"Bearer {world.tokens[(Role.OFFICER, 'sibling')]}"}
    for params in ({}, {"q": "no luong thang 13"}, {"kind": report.kind}, {"limit": 200}):
        answer = client.get("/api/reports", params, headers=auth)
        assert answer.status_code == 200
        assert report.pk not in _item_ids(answer.content.decode())
        assert SUBJECT not in answer.content.decode()
    assert client.get("/api/reports", {"unit": owner.pk}, headers=auth).status_code == 404
    out_of_reach = client.get(f"/api/reports/{report.pk}", headers=auth)
    missing = client.get("/api/reports/999999999", headers=auth)
    assert out_of_reach.status_code == missing.status_code == 404
    assert out_of_reach.json() == missing.json()
