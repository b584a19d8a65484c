"""Feeds, sitemaps and fanpage exports into plain items (pure: bytes in, items out).

Only what we keep is read: title, link, time, the text to analyse. Author,
commenter and profile fields (``author``, ``dc:creator``, ``from``,
``author_name``, profile ids …) are never read, so they cannot be stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from typing import Any

from defusedxml import ElementTree

from duluan.core.pii import mask_pii
from duluan.core.text import nfc

MAX_TITLE = 300
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Comment:
    key: str  # a hash of the export's comment id: the re-upload test, never shown
    text: str  # read for the analysis, then dropped
    published: datetime | None


@dataclass(frozen=True)
class Item:
    link: str
    title: str
    text: str = ""  # the summary or full text the feed carries
    published: datetime | None = None
    full_text: bool = False
    comments: list[Comment] = field(default_factory=list)


def clean(html: str) -> str:
    return nfc(_SPACE.sub(" ", unescape(_TAG.sub(" ", html or ""))).strip())


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime(*value[:6]).replace(tzinfo=UTC)


def parse_feed(body: bytes) -> list[Item]:
    """RSS 0.9x/1.0/2.0 and Atom through feedparser (imported here: it is only for polls)."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"Không đọc được nguồn tin: {type(parsed.bozo_exception).__name__}")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        title = clean(entry.get("title", ""))
        if not link or not title:
            continue
        content = " ".join(c.get("value", "") for c in entry.get("content", []))
        text = clean(content) or clean(entry.get("summary", ""))
        items.append(
            Item(
                link=link,
                title=title[:MAX_TITLE],
                text=text,
                published=_struct_time(
                    entry.get("published_parsed") or entry.get("updated_parsed")
                ),
                full_text=len(content) > 600,
            )
        )
    return items


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_sitemap(body: bytes) -> tuple[list[Item], list[str]]:
    """A (news) sitemap's articles, and the child sitemaps of a sitemap index."""
    root = ElementTree.fromstring(body)
    children = [
        (loc.text or "").strip() for loc in root.iter(f"{SITEMAP}loc") if root.tag.endswith("index")
    ]
    if root.tag.endswith("sitemapindex"):
        return [], [c for c in children if c]
    items = []
    for url in root.iter(f"{SITEMAP}url"):
        link = (url.findtext(f"{SITEMAP}loc") or "").strip()
        title = clean(url.findtext(f"{NEWS}news/{NEWS}title") or "")
        published = _iso(
            url.findtext(f"{NEWS}news/{NEWS}publication_date") or url.findtext(f"{SITEMAP}lastmod")
        )
        if link:
            items.append(Item(link=link, title=title[:MAX_TITLE], published=published))
    return items, []


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _post_title(text: str) -> str:
    """A fanpage post has no title: its first sentence, personal data masked."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return mask_pii(first)[:160] or "(bài đăng không có chữ)"


def parse_export(body: bytes, *, filename: str, source_key: str) -> list[Item]:
    """A fanpage/group export (JSON like the Graph API, or CSV with one row per post or
    comment). Items are posts; their comments ride along for the analysis only."""
    if filename.lower().endswith(".json"):
        return _export_json(json.loads(body.decode("utf-8-sig")), source_key)
    return _export_csv(body.decode("utf-8-sig"), source_key)


def _export_json(data: Any, source_key: str) -> list[Item]:
    posts = data.get("posts", data.get("data", [])) if isinstance(data, dict) else data
    items = []
    for post in posts or []:
        post_id = str(post.get("id", ""))
        text = clean(str(post.get("message", "")))
        comments_raw = post.get("comments", [])
        if isinstance(comments_raw, dict):
            comments_raw = comments_raw.get("data", [])
        comments = [
            Comment(
                key=_key(source_key, post_id, str(c.get("id", "")) or clean(str(c.get("message")))),
                text=clean(str(c.get("message", ""))),
                published=_iso(c.get("created_time")),
            )
            for c in comments_raw
            if clean(str(c.get("message", "")))
        ]
        items.append(_post(source_key, post_id, text, post, comments))
    return items


def _post(
    source_key: str, post_id: str, text: str, row: dict[str, Any], comments: list[Comment]
) -> Item:
    link = str(row.get("permalink_url") or row.get("permalink") or "").strip()
    return Item(
        link=link or f"export://{source_key}/{_key(source_key, post_id or text)}",
        title=_post_title(text),
        text=text,
        published=_iso(row.get("created_time")),
        full_text=True,
        comments=comments,
    )


def _export_csv(text: str, source_key: str) -> list[Item]:
    rows = list(csv.DictReader(io.StringIO(text)))
    posts = [r for r in rows if (r.get("type") or "post").strip().lower() == "post"]
    by_parent: dict[str, list[Comment]] = {}
    for r in rows:
        if (r.get("type") or "").strip().lower() != "comment":
            continue
        message = clean(r.get("message", ""))
        if message:
            parent = (r.get("parent_id") or "").strip()
            by_parent.setdefault(parent, []).append(
                Comment(
                    key=_key(source_key, parent, (r.get("id") or "").strip() or message),
                    text=message,
                    published=_iso(r.get("created_time")),
                )
            )
    return [
        _post(
            source_key,
            (p.get("id") or "").strip(),
            clean(p.get("message", "")),
            p,
            by_parent.get((p.get("id") or "").strip(), []),
        )
        for p in posts
    ]


def article_text(html: bytes | str, url: str = "") -> str:
    """The main text of an article page, without navigation or bylines (trafilatura, lazily)."""
    import trafilatura

    text = trafilatura.extract(
        html if isinstance(html, str) else html.decode("utf-8", "replace"),
        url=url or None,
        include_comments=False,
        include_tables=False,
        with_metadata=False,
    )
    return nfc(text or "")
