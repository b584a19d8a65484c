"""Notices and webhook deliveries now belong to the notifications app
(``notifications.0001_initial``); their tables and rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_webhook_deliveries"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="WebhookDelivery"),
            ],
            database_operations=[],
        ),
    ]
