"""Notifications become generic: a key for idempotency, a title and a link, the matter optional."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def fill_keys(apps: Any, schema_editor: Any) -> None:
    notification = apps.get_model("cases", "Notification")
    for row in notification.objects.all().only("pk", "matter_id"):
        notification.objects.filter(pk=row.pk).update(key=f"matter:{row.matter_id}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_hot_spot_notifications")]

    operations = [
        migrations.RemoveConstraint(model_name="notification", name="cases_notification_once"),
        migrations.RemoveConstraint(
            model_name="notification", name="cases_notification_kind_valid"
        ),
        migrations.AddField(
            model_name="notification",
            name="key",
            field=models.CharField(default="", max_length=120, verbose_name="khoá chống trùng"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="title",
            field=models.CharField(blank=True, max_length=255, verbose_name="tiêu đề"),
        ),
        migrations.AddField(
            model_name="notification",
            name="url",
            field=models.CharField(blank=True, max_length=255, verbose_name="đường dẫn"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="loại"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="matter",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="cases.matter",
                verbose_name="vấn đề",
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                fields=("recipient", "kind", "key"),
                name="cases_notification_once_key",
                violation_error_message="Người này đã nhận thông báo này.",
            ),
        ),
    ]
