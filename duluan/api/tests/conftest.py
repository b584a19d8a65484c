from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from duluan.api.services import token_issue


class ApiClient:
    """A test client that sends a Bearer token and JSON bodies."""

    def __init__(self, client: Client, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.get(path, data or {}, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", headers=self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(path, headers=self.headers)


@pytest.fixture(scope="session")
def shared_client() -> Client:
    # A Client loads the middleware once; WhiteNoise's start-up scan of the static
    # finders costs ~0.2 s, too much to pay in every test. The API keeps no cookies.
    return Client()


@pytest.fixture
def api_as(db: Any, shared_client: Client) -> Callable[[Any], ApiClient]:
    """``api_as(user)``: a client holding a fresh token of that user; ``api_as(None)``: none."""

    def make(user: Any) -> ApiClient:
        token = token_issue(user=user, name="test")[1] if user is not None else None
        return ApiClient(shared_client, token)

    return make
