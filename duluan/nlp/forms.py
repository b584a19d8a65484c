"""Forms of the nlp app."""

from __future__ import annotations

from typing import Any

from django import forms

from duluan.intake.choices import Kind

from .models import Sentiment, Topic, Urgency


class CorrectionForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label="Chủ đề đúng", required=False, widget=forms.CheckboxSelectMultiple
    )
    sentiment = forms.ChoiceField(
        label="Cảm xúc đúng", required=False, choices=[("", "—"), *Sentiment.choices]
    )
    kind = forms.ChoiceField(label="Loại đúng", required=False, choices=[("", "—"), *Kind.choices])
    urgency = forms.ChoiceField(
        label="Mức khẩn đúng", required=False, choices=[("", "—"), *Urgency.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = list(  # type: ignore[attr-defined]
            Topic.objects.filter(is_active=True).values_list("code", "name")
        )


class LabelForm(forms.Form):
    """One report's labels in the labelling queue: every field judged at once."""

    main_topic = forms.ChoiceField(label="Chủ đề chính")
    more_topics = forms.MultipleChoiceField(
        label="Chủ đề khác", required=False, widget=forms.CheckboxSelectMultiple
    )
    sentiment = forms.ChoiceField(
        label="Cảm xúc", choices=Sentiment.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices, widget=forms.RadioSelect)
    urgency = forms.ChoiceField(label="Mức khẩn", choices=Urgency.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = list(Topic.objects.filter(is_active=True).values_list("code", "name"))
        self.fields["main_topic"].choices = topics  # type: ignore[attr-defined]
        self.fields["more_topics"].choices = topics  # type: ignore[attr-defined]

    def topic_codes(self) -> list[str]:
        main = self.cleaned_data["main_topic"]
        return [main, *[t for t in self.cleaned_data["more_topics"] if t != main]][:3]
