"""Polite HTTP: robots.txt, per-domain pacing, conditional GETs, timeouts, size caps.

One :class:`Fetcher` per poll run. httpx is imported here, and this module is
imported only when a poll runs (test_lean_imports). ``fixture://host/path``
URLs and every host under ``.example`` (reserved by RFC 2606, never on the
network) are answered from ``duluan/media/fixtures/`` by
:class:`FixtureTransport` (with ETag, Last-Modified, 304 and robots.txt like a
real server), so tests and the demo never touch the network.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from django.conf import settings

from .recorded import FIXTURES, render

USER_AGENT = "duluan-media/1.0 (press listening for a trade union; polite: robots.txt, paced)"


class FetchError(Exception):
    """A fetch that failed; ``soft`` errors (timeouts, 5xx, 429) may pass on their own."""

    def __init__(self, message: str, *, soft: bool = False) -> None:
        super().__init__(message)
        self.soft = soft


@dataclass(frozen=True)
class Fetched:
    status: int  # 200 or 304
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    url: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FixtureTransport(httpx.BaseTransport):
    """Serves ``fixture://<host>/<path>`` from ``FIXTURES/<path>``.

    ``robots.txt`` comes from ``FIXTURES/robots/<host>.txt`` (404 when absent:
    everything allowed). A file's ETag is a hash of its bytes and its
    Last-Modified is its mtime, so a second poll of an unchanged file gets 304.
    ``FIXTURES/status/<host>`` holding a number makes every answer of that host
    that status (to test failures).
    """

    def __init__(self, root: Path = FIXTURES) -> None:
        self.root = root
        self.requests: list[str] = []  # every URL asked for, in order (tests read it)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.requests.append(str(request.url))
        path = request.url.path.lstrip("/")
        forced = self.root / "status" / host
        if forced.is_file():
            return httpx.Response(int(forced.read_text().strip()), request=request)
        file = self.root / "robots" / f"{host}.txt" if path == "robots.txt" else self.root / path
        if not file.resolve().is_relative_to(self.root.resolve()) or not file.is_file():
            return httpx.Response(404, request=request)
        body = render(file.read_bytes())
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = formatdate(int(file.stat().st_mtime), usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified}
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers=headers, request=request)
        kind = "application/xml" if file.suffix in {".xml", ".rss", ".atom"} else "text/html"
        if file.suffix in {".txt"}:
            kind = "text/plain"
        headers["Content-Type"] = f"{kind}; charset=utf-8"
        return httpx.Response(200, headers=headers, content=body, request=request)


def make_client(
    transport: httpx.BaseTransport | None = None, *, fixtures: FixtureTransport | None = None
) -> httpx.Client:
    recorded = fixtures or FixtureTransport()
    mounts: dict[str, httpx.BaseTransport] = {
        "fixture://": recorded,
        "all://*.example": recorded,
    }
    return httpx.Client(
        transport=transport,
        mounts=mounts,
        timeout=httpx.Timeout(settings.MEDIA_TIMEOUT_SECONDS),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        max_redirects=5,
    )


@dataclass
class Pacer:
    """At most one request per ``delay`` seconds to each domain (``clock``/``sleep`` injectable)."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, domain: str) -> float:
        now = self.clock()
        previous = self.last.get(domain)
        waited = 0.0
        if previous is not None and now - previous < self.delay:
            waited = self.delay - (now - previous)
            self.sleep(waited)
            now += waited
        self.last[domain] = now
        return waited


class Fetcher:
    """Fetches for one poll run: robots.txt read once per host, pacing per host."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        pacer: Pacer | None = None,
        max_bytes: int | None = None,
    ) -> None:
        self.client = client or make_client()
        self.pacer = pacer or Pacer(settings.MEDIA_DOMAIN_DELAY_SECONDS)
        self.max_bytes = max_bytes or settings.MEDIA_MAX_BYTES
        self.robots: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pace(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme == "fixture" or (parts.hostname and parts.hostname.endswith(".example")):
            return  # answered from the recorded files: nobody to be polite to
        self.pacer.wait(parts.netloc)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self._robots(origin)
        rules = self.robots[origin]
        return True if rules is None else rules.can_fetch(USER_AGENT, url)

    def _robots(self, origin: str) -> RobotFileParser | None:
        try:
            self._pace(origin)
            response = self.client.get(f"{origin}/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the feed fetch itself will say so
        if response.status_code in (401, 403):
            parser = RobotFileParser()
            parser.parse(["User-agent: *", "Disallow: /"])  # a closed door: read nothing
            return parser
        if response.status_code >= 400:
            return None
        parser = RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
        if not self.allowed(url):
            raise FetchError("robots.txt của trang không cho phép đọc địa chỉ này")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._pace(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(status=304, etag=etag, last_modified=last_modified, url=url)
                if response.status_code == 429 or response.status_code >= 500:
                    raise FetchError(f"Máy chủ trả lời {response.status_code}", soft=True)
                if response.status_code >= 400:
                    raise FetchError(f"Máy chủ trả lời {response.status_code}")
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > self.max_bytes:
                    raise FetchError("Nội dung quá lớn")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError("Nội dung quá lớn")
                    chunks.append(chunk)
                return Fetched(
                    status=200,
                    body=b"".join(chunks),
                    etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                    url=str(response.url),
                )
        except httpx.TimeoutException as exc:
            raise FetchError("Hết thời gian chờ máy chủ", soft=True) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"Lỗi kết nối: {type(exc).__name__}", soft=True) from exc
