"""Items into rows: language, topic and sentiment, folding, daily aggregates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from duluan.nlp.interface import analyse_texts

from ..choices import ItemKind, SourceKind
from ..language import VIETNAMESE, language_of
from ..models import Article, CommentMark, DailyCount, Source, Story

if TYPE_CHECKING:
    from ..fetch import Fetcher
    from ..parse import Comment, Item

FOLD_DAYS = 7  # a repost is looked for among the articles of the last week
MAX_ANALYSED = 4000  # characters of an article the model reads


def _text_of(item: Item, source: Source, fetcher: Fetcher | None) -> str:
    """The feed's text, or the article page's main text when the feed has only a summary."""
    text = item.text
    wants_page = source.kind != SourceKind.EXPORT and not item.full_text
    if wants_page and fetcher is not None and settings.MEDIA_FETCH_ARTICLES:
        from ..fetch import FetchError
        from ..parse import article_text

        try:
            page = fetcher.get(item.link)
            text = article_text(page.body, item.link) or text
        except FetchError:
            pass  # the title and summary still say what the article is about
    return f"{item.title}. {text}"[:MAX_ANALYSED]


def _closed(item: Item, fetcher: Fetcher) -> bool:
    """Whether the site's robots.txt closes the item's page to us."""
    link = item.link
    return link.startswith(("http://", "https://")) and not fetcher.allowed(link)


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


@transaction.atomic
def items_store(
    source: Source, items: Iterable[Item], *, fetcher: Fetcher | None = None
) -> dict[str, int]:
    """Store the items not seen before (by link), analysed and folded; count their comments.

    Idempotent: a link already stored is skipped, a comment already counted
    (same hashed key) is not counted again; the touched days are recomputed.
    """
    from .. import fold  # numpy: on use, never at start-up

    items = list(items)
    now = timezone.now()
    known = set(
        Article.objects.filter(link__in=[i.link for i in items]).values_list("link", flat=True)
    )
    fresh: list[tuple[Item, str]] = []
    seen: set[str] = set()
    for item in items:
        if item.link in known or item.link in seen:
            continue
        if fetcher is not None and source.kind != SourceKind.EXPORT and _closed(item, fetcher):
            continue  # robots.txt closes the page: not stored, not even by its title
        seen.add(item.link)
        fresh.append((item, _text_of(item, source, fetcher)))
    languages = [language_of(text).language for _, text in fresh]
    vi = [i for i, lang in enumerate(languages) if lang == VIETNAMESE]
    analyses = dict(zip(vi, analyse_texts([fresh[i][1] for i in vi]), strict=True))
    recent = list(
        Article.objects.filter(
            published_at__gte=now - timedelta(days=FOLD_DAYS), story__isnull=False
        ).values_list("story_id", "minhash")
    )
    touched: set[date] = set()
    created = folded = 0
    kind = ItemKind.POST if source.kind == SourceKind.EXPORT else ItemKind.ARTICLE
    for index, (item, text) in enumerate(fresh):
        analysis = analyses.get(index)
        signature = fold.signature(text)
        story_id, score = fold.nearest(signature, recent)
        published = min(item.published or now, now)
        article = Article.objects.create(
            source=source,
            kind=kind,
            link=item.link[:700],
            title=item.title or item.link[:300],
            outlet=source.outlet,
            published_at=published,
            language=languages[index],
            topic=(analysis.topics[0] if analysis and analysis.topics else ""),
            sentiment=(analysis.sentiment if analysis else ""),
            model_version=(analysis.model_version if analysis else ""),
            minhash=signature,
            comment_count=len(item.comments),
        )
        if story_id and score >= fold.THRESHOLD:
            article.story_id = story_id
            Story.objects.filter(pk=story_id).update(article_count=F("article_count") + 1)
            folded += 1
        else:
            story = Story.objects.create(first_article=article, first_seen=published)
            article.story = story
            story_id = story.pk
        article.save(update_fields=["story"])
        recent.append((story_id, signature))
        touched.add(_local_day(published))
        created += 1
    comments = _comments_store(source, [c for item, _ in fresh for c in item.comments])
    comments_old = _comments_store(
        source, [c for item in items if item.link in known for c in item.comments]
    )
    touched |= comments[1] | comments_old[1]
    daily_recompute(source, touched)
    return {
        "articles": created,
        "folded": folded,
        "comments": comments[0] + comments_old[0],
        "skipped": len(items) - created,
    }


def _comments_store(source: Source, comments: list[Comment]) -> tuple[int, set[date]]:
    """Score each comment not counted before, keep its key, day, topic and sentiment only."""
    if not comments:
        return 0, set()
    known = set(
        CommentMark.objects.filter(source=source, key__in=[c.key for c in comments]).values_list(
            "key", flat=True
        )
    )
    fresh = []
    for c in comments:
        if c.key not in known:
            known.add(c.key)
            fresh.append(c)
    now = timezone.now()
    vi = [c for c in fresh if language_of(c.text).language == VIETNAMESE]
    results = {id(c): a for c, a in zip(vi, analyse_texts([c.text for c in vi]), strict=True)}
    marks = []
    for c in fresh:
        a = results.get(id(c))
        marks.append(
            CommentMark(
                source=source,
                key=c.key,
                day=_local_day(min(c.published or now, now)),
                topic=a.topics[0] if a and a.topics else "",
                sentiment=a.sentiment if a else "",
            )
        )
    CommentMark.objects.bulk_create(marks)
    return len(marks), {m.day for m in marks}


def daily_recompute(source: Source, days: Iterable[date]) -> int:
    """Rewrite the source's daily rows for ``days`` from the articles and comment marks."""
    days = sorted(set(days))
    if not days:
        return 0
    tz = timezone.get_current_timezone()
    counts: dict[tuple[date, str, str], list[int]] = {}
    for day in days:
        start = timezone.make_aware(datetime.combine(day, datetime.min.time()), tz)
        rows = (
            Article.objects.filter(
                source=source, published_at__gte=start, published_at__lt=start + timedelta(days=1)
            )
            .values("topic", "sentiment")
            .annotate(n=Count("id"))
        )
        for r in rows:
            counts.setdefault((day, r["topic"], r["sentiment"]), [0, 0])[0] += r["n"]
    marks = (
        CommentMark.objects.filter(source=source, day__in=days)
        .values("day", "topic", "sentiment")
        .annotate(n=Count("id"))
    )
    for r in marks:
        counts.setdefault((r["day"], r["topic"], r["sentiment"]), [0, 0])[1] += r["n"]
    DailyCount.objects.filter(source=source, day__in=days).delete()
    DailyCount.objects.bulk_create(
        DailyCount(source=source, day=d, topic=t, sentiment=s, articles=a, comments=c)
        for (d, t, s), (a, c) in counts.items()
    )
    return len(counts)
