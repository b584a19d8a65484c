"""Parsing the recorded files: feeds, sitemap, exports and an article page."""

from __future__ import annotations

from duluan.media.parse import article_text, parse_export, parse_feed, parse_sitemap
from duluan.media.recorded import recorded

from .support import AUTHOR_NAMES


def test_feeds_give_title_link_time_and_text_but_no_author() -> None:
    rss = parse_feed(recorded("feeds/baocongnhan.rss"))
    atom = parse_feed(recorded("feeds/laodongmau.atom"))
    assert len(rss) == 8 and len(atom) == 5
    assert all(i.link.startswith("https://") and i.title and i.published for i in rss + atom)
    assert not any(name in repr(rss + atom) for name in AUTHOR_NAMES)


def test_sitemap_gives_news_titles_and_dates() -> None:
    items, children = parse_sitemap(recorded("sitemaps/tinkcn-news.xml"))
    assert children == [] and len(items) == 3
    assert items[0].title.startswith("Công nhân bị ép tăng ca đêm")


def test_exports_keep_posts_and_comment_text_for_scoring_only() -> None:
    posts = parse_export(recorded("exports/fanpage-cdkcn.json"), filename="a.json", source_key="1")
    rows = parse_export(recorded("exports/nhom-congnhan.csv"), filename="b.csv", source_key="1")
    assert [len(p.comments) for p in posts] == [3, 4]
    assert [len(p.comments) for p in rows] == [3, 1]
    assert not any(name in repr(posts + rows) for name in AUTHOR_NAMES)
    again = parse_export(recorded("exports/nhom-congnhan.csv"), filename="b.csv", source_key="1")
    assert [c.key for p in again for c in p.comments] == [c.key for p in rows for c in p.comments]


def test_article_text_is_the_body_without_navigation() -> None:
    text = article_text(recorded("pages/tang-ca-dem-3001.html"))
    assert "không quá 40 giờ mỗi tháng" in text
    assert "Trang chủ" not in text and "Tin liên quan" not in text
