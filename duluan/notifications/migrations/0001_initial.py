"""Notices and webhook deliveries move from the cases app: the same tables, the same rows.

Only Django's state moves (``SeparateDatabaseAndState``); the tables keep the
names the cases app gave them (``db_table``), and the content types are relabelled
so that permissions granted on them stay granted.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import duluan.notifications.models

MODELS = ("notification", "webhookdelivery")


def relabel_content_types(apps: Any, schema_editor: Any) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not content_type.objects.using(db).filter(app_label="notifications", model=model).exists():
            content_type.objects.using(db).filter(app_label="cases", model=model).update(
                app_label="notifications"
            )


def relabel_back(apps: Any, schema_editor: Any) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not content_type.objects.using(db).filter(app_label="cases", model=model).exists():
            content_type.objects.using(db).filter(app_label="notifications", model=model).update(
                app_label="cases"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0005_webhook_deliveries"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=40, verbose_name="loại")),
                        ("key", models.CharField(max_length=120, verbose_name="khoá chống trùng")),
                        ("title", models.CharField(blank=True, max_length=255, verbose_name="tiêu đề")),
                        ("url", models.CharField(blank=True, max_length=255, verbose_name="đường dẫn")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=duluan.notifications.models.current_time,
                                verbose_name="lúc tạo",
                            ),
                        ),
                        ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="đã đọc lúc")),
                        (
                            "matter",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to="cases.matter",
                                verbose_name="vấn đề",
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người nhận",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "thông báo",
                        "verbose_name_plural": "thông báo",
                        "db_table": "cases_notification",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["recipient", "read_at"], name="cases_notification_unread"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("recipient", "kind", "key"),
                                name="cases_notification_once_key",
                                violation_error_message="Người này đã nhận thông báo này.",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="WebhookDelivery",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "event",
                            models.CharField(default="hot_spot", max_length=40, verbose_name="sự kiện"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=duluan.notifications.models.current_time,
                                verbose_name="lúc tạo",
                            ),
                        ),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="số lần gửi")),
                        ("next_at", models.DateTimeField(blank=True, null=True, verbose_name="gửi lại lúc")),
                        (
                            "delivered_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="đã nhận lúc"),
                        ),
                        (
                            "last_error",
                            models.CharField(blank=True, max_length=200, verbose_name="lỗi lần cuối"),
                        ),
                        (
                            "matter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="webhook_deliveries",
                                to="cases.matter",
                                verbose_name="vấn đề",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gửi webhook",
                        "verbose_name_plural": "gửi webhook",
                        "db_table": "cases_webhookdelivery",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [models.Index(fields=["next_at"], name="cases_webhook_next")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("matter", "event"),
                                name="cases_webhook_once_per_event",
                                violation_error_message="Sự kiện này đã được gửi.",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, relabel_back),
    ]
