"""Forms of the nlp app."""

from __future__ import annotations

from typing import Any

from django import forms

from duluan.intake.choices import Kind

from .models import Sentiment, Topic


class CorrectionForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label="Chủ đề đúng", required=False, widget=forms.CheckboxSelectMultiple
    )
    sentiment = forms.ChoiceField(
        label="Cảm xúc đúng", required=False, choices=[("", "—"), *Sentiment.choices]
    )
    kind = forms.ChoiceField(label="Loại đúng", required=False, choices=[("", "—"), *Kind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = list(  # type: ignore[attr-defined]
            Topic.objects.filter(is_active=True).values_list("code", "name")
        )
