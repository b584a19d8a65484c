"""The models moved from cases to notifications with their tables and rows: back and
forth across the move, every row is read the same and content types keep their ids."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from duluan.cases.models import Matter
from duluan.conftest import OrgTree
from duluan.notifications.models import Notification, WebhookDelivery

BEFORE: list[tuple[str, str | None]] = [
    ("cases", "0005_webhook_deliveries"),
    ("notifications", None),
]


def _rows(model: Any) -> list[tuple[Any, ...]]:
    return sorted(model.objects.values_list("pk", "kind", "key", "matter_id", "recipient_id"))


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_keeps_every_row_and_content_type(org_tree: OrgTree) -> None:
    matter = Matter.objects.create(title="Nợ lương", owning_unit=org_tree.cs_a1)
    for n, unit in enumerate(("cs_a1", "upper_a", "province")):
        Notification.objects.create(
            recipient=org_tree.user(unit), kind="hot_spot", key=f"matter:{n}", matter=matter
        )
    Notification.objects.create(recipient=org_tree.user("cs_a1"), kind="x.y", key="k")
    WebhookDelivery.objects.create(matter=matter, attempts=2, last_error="HTTPError: 503")
    rows = _rows(Notification)
    type_ids = {
        model: ContentType.objects.get_for_model(model).pk
        for model in (Notification, WebhookDelivery)
    }

    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(("cases", "0005_webhook_deliveries")).apps
        assert _rows(old.get_model("cases", "Notification")) == rows
        delivery = old.get_model("cases", "WebhookDelivery").objects.get()
        assert (delivery.matter_id, delivery.attempts) == (matter.pk, 2)
        assert set(
            ContentType.objects.filter(model__in=["notification", "webhookdelivery"]).values_list(
                "app_label", flat=True
            )
        ) == {"cases"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    assert _rows(Notification) == rows
    assert WebhookDelivery.objects.get().matter == matter
    assert Notification.objects.filter(matter=matter).count() == 3
    assert {
        model: ContentType.objects.get_for_model(model).pk
        for model in (Notification, WebhookDelivery)
    } == type_ids
    assert not ContentType.objects.filter(
        app_label="cases", model__in=["notification", "webhookdelivery"]
    ).exists()
