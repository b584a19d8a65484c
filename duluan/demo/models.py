"""Ground truth of generated demo reports, kept apart so analytics can measure itself."""

from __future__ import annotations

from django.db import models

from duluan.intake.models import Report


class DemoTruth(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="demo_truth")
    topics = models.CharField(max_length=200, help_text="taxonomy codes, main first, ';'-separated")
    sentiment = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    urgency = models.CharField(max_length=20)
    seed = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.report_id}: {self.topics}"
