from django.contrib import admin

from .models import Article, DailyCount, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name",
        "outlet",
        "kind",
        "unit",
        "is_active",
        "last_success_at",
        "failure_score",
    )
    list_filter = ("kind", "is_active")
    search_fields = ("name", "outlet", "url")
    readonly_fields = (
        "etag",
        "last_modified",
        "next_fetch_at",
        "last_attempt_at",
        "last_success_at",
        "failure_score",
        "consecutive_failures",
        "last_error",
        "disabled_at",
        "backfilled_at",
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "outlet", "published_at", "topic", "sentiment", "language", "story")
    list_filter = ("language", "sentiment", "kind")
    search_fields = ("title", "link")
    exclude = ("minhash",)


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("source", "day", "topic", "sentiment", "articles", "comments")
    list_filter = ("sentiment",)
