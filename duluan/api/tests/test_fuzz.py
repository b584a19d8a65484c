"""Fuzz the API from its own OpenAPI schema (schemathesis), as each role.

Every operation gets generated requests, valid and not; the checks require no
5xx and every response to match the documented schema (status codes, content
types, bodies). Bounded by ``DULUAN_FUZZ_EXAMPLES`` per operation and role.

duluan: clock-independent (generated requests and schemas; no assertion reads the calendar).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from duluan.api.services import token_issue
from duluan.org.choices import Role

EXAMPLES = int(os.environ.get("DULUAN_FUZZ_EXAMPLES", "12"))
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def _has_date(node: Any, components: dict[str, Any], seen: frozenset[str] = frozenset()) -> bool:
    """Whether a JSON schema holds a date or date-time anywhere (following $refs)."""
    if isinstance(node, dict):
        if node.get("format") in ("date", "date-time"):
            return True
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            target = components.get(ref.rsplit("/", 1)[-1], {})
            if _has_date(target, components, seen | {ref}):
                return True
        return any(_has_date(value, components, seen) for value in node.values())
    if isinstance(node, list):
        return any(_has_date(value, components, seen) for value in node)
    return False


def _dated_bodies(raw: dict[str, Any]) -> set[tuple[str, str]]:
    components = raw.get("components", {}).get("schemas", {})
    return {
        (method.upper(), path)
        for path, operations in raw.get("paths", {}).items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and _has_date(operation.get("requestBody"), components)
    }


# Operations whose answers also depend on rules a JSON schema cannot state, so a
# schema-valid request may rightly get 422: a report heard in the future, and any
# typed-in date outside 01/01/2000..tomorrow (or 10 years ahead for deadlines and
# plans, core.dates): JSON Schema's "format": "date" cannot carry those bounds.
BUSINESS_RULES = {("POST", "/api/reports")} | _dated_bodies(schema.raw_schema)
# NUL is not text: PostgreSQL cannot store it and every way in refuses it with a
# 422 before any operation runs (core.middleware.RefuseNulMiddleware, tested in
# test_nul_input.py), so schema-valid data is generated without it.
schema.config.generation.update(allow_x00=False)


@pytest.fixture
def tokens(org_tree: Any, settings: Any) -> dict[str, str]:
    settings.API_RATE_PER_MINUTE = 1_000_000
    return {role: token_issue(user=org_tree.user("upper_a", role))[1] for role in Role.values}


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_holds_its_schema(case: Any, role: str, tokens: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    # Unknown query parameters are ignored on purpose (lenient reads), so the
    # check that every schema-violating request is refused does not apply.
    excluded = [negative_data_rejection]
    if (case.method.upper(), case.path) in BUSINESS_RULES:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=headers, excluded_checks=excluded)
