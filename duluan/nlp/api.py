"""JSON API of the nlp app (mounted under /api/ by duluan.api.router).

Reads are scoped like the pages: a report outside the caller's reach answers
404, as if it did not exist; so does an operation the caller's roles do not allow.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate
from duluan.core.errors import NotFoundError
from duluan.intake.choices import Kind
from duluan.intake.selectors import report_get
from duluan.org.choices import Perm
from duluan.org.scope import has_perm
from duluan.org.selectors import unit_get

from .display import confidence_label
from .interface import TextAnalysis, analyse_texts
from .models import Correction, ModelVersion, Sentiment, SpikeAlert, Topic, Urgency
from .permissions import RETRAIN, VIEW_ISSUES, VIEW_MODELS
from .selectors import emerging_issues, report_analysis, spike_list
from .services.corrections import correction_create

router = Router(tags=["nlp"])


class TopicOut(Schema):
    code: str
    name: str
    covers: str
    is_active: bool


class TopicPage(Schema):
    items: list[TopicOut]
    count: int


CONFIDENCE_LABEL = (
    "Độ chắc bằng lời, như trang web hiển thị: «chắc chắn» (≥ 0,9), «khá chắc» (0,7–0,9) "
    "hoặc «cần xem lại» (< 0,7); ngưỡng theo hiệu chuẩn của mô hình (duluan.nlp.display)."
)


class TopicScoreOut(Schema):
    code: str
    name: str
    confidence: float
    confidence_label: str = Field(description=CONFIDENCE_LABEL)


class AnalysisOut(Schema):
    report_id: int
    topics: list[TopicScoreOut]
    sentiment: Sentiment
    sentiment_confidence: float
    sentiment_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    kind: str
    kind_confidence: float
    kind_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    urgency: Urgency
    urgency_confidence: float
    urgency_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    urgency_signals: list[str]
    suggests_hot_spot: bool
    model_version: str
    analysed_at: datetime


class CorrectionIn(Schema):
    """Nhãn đúng; trường nào bỏ trống là không hiệu chỉnh trường đó."""

    model_config = ConfigDict(extra="forbid")

    topics: list[str] | None = Field(None, max_length=16, description="Mã chủ đề")
    sentiment: Sentiment | None = None
    kind: Kind | None = None
    urgency: Urgency | None = None
    confirm: bool = Field(
        False, description="Ghi cả các trường giữ nguyên như lời xác nhận (nút «Đúng»)"
    )


class CorrectionOut(Schema):
    id: int
    report_id: int
    field: str
    value: str
    previous: str
    model_version: str
    created_at: datetime


class ModelVersionOut(Schema):
    version: str
    status: str
    is_active: bool
    n_train: int
    n_corrections: int
    metrics: dict[str, Any]
    note: str
    created_at: datetime


class ModelVersionPage(Schema):
    items: list[ModelVersionOut]
    count: int


class RetrainOut(Schema):
    version: str | None
    status: str = Field(description="queued: chạy nền sau khi yêu cầu hoàn tất")


class IssueOut(Schema):
    size: int
    units: int
    report_ids: list[int]
    topics: list[tuple[str, int]]
    key_phrases: list[str]
    negative_share: float
    recent_share: float
    duplicates: int
    summary: str = Field(description="Trống khi nhóm dưới 10 phản ánh (không trích dẫn)")
    quotes: list[str]


class IssueQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    days: int = Field(14, ge=1, le=90)


class IssuePage(Schema):
    items: list[IssueOut]
    count: int


class SpikeOut(Schema):
    topic: str
    unit_id: int
    window_end: date
    window_days: int
    count: int
    baseline: float
    spread: float
    score: float


class SpikePage(Schema):
    items: list[SpikeOut]
    count: int


class AnalyseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    texts: list[str] = Field(min_length=1, max_length=100)


class TextAnalysisOut(Schema):
    topics: list[str]
    sentiment: str
    sentiment_confidence: float
    sentiment_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    kind: str
    kind_confidence: float
    kind_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    urgency: str
    urgency_confidence: float
    urgency_confidence_label: str = Field(description=CONFIDENCE_LABEL)
    urgency_signals: list[str]
    suggests_hot_spot: bool
    model_version: str

    @staticmethod
    def resolve_sentiment_confidence_label(obj: TextAnalysis) -> str:
        return confidence_label(obj.sentiment_confidence)

    @staticmethod
    def resolve_kind_confidence_label(obj: TextAnalysis) -> str:
        return confidence_label(obj.kind_confidence)

    @staticmethod
    def resolve_urgency_confidence_label(obj: TextAnalysis) -> str:
        return confidence_label(obj.urgency_confidence)


class AnalysePage(Schema):
    items: list[TextAnalysisOut]
    count: int


def _require(request: HttpRequest, perm: str) -> None:
    if not has_perm(request.user, perm):
        raise NotFoundError("Không tìm thấy.")


@router.get("/nlp/topics", response={200: TopicPage, **AUTH_ERRORS})
def list_topics(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Các chủ đề của bảng phân loại (mã ổn định, tên sửa được)."""
    return paginate(Topic.objects.all(), page)


@router.get(
    "/nlp/reports/{report_id}/analysis", response={200: AnalysisOut, 404: ErrorOut, **AUTH_ERRORS}
)
def get_analysis(request: HttpRequest, report_id: int) -> AnalysisOut:
    """Kết quả phân tích tự động của một phản ánh trong phạm vi của bạn."""
    report = report_get(request.user, report_id)
    data = report_analysis(report)
    if data is None:
        raise NotFoundError("Phản ánh chưa được phân tích.")
    a = data["analysis"]
    return AnalysisOut(
        report_id=report.pk,
        topics=[
            TopicScoreOut(
                code=t.topic.code,
                name=t.topic.name,
                confidence=t.confidence,
                confidence_label=confidence_label(t.confidence),
            )
            for t in data["topics"]
        ],
        sentiment=a.sentiment,
        sentiment_confidence=a.sentiment_confidence,
        sentiment_confidence_label=confidence_label(a.sentiment_confidence),
        kind=a.kind,
        kind_confidence=a.kind_confidence,
        kind_confidence_label=confidence_label(a.kind_confidence),
        urgency=a.urgency,
        urgency_confidence=a.urgency_confidence,
        urgency_confidence_label=confidence_label(a.urgency_confidence),
        urgency_signals=data["signals"],
        suggests_hot_spot=a.suggests_hot_spot,
        model_version=a.model_version,
        analysed_at=a.analysed_at,
    )


@router.post(
    "/nlp/reports/{report_id}/corrections",
    response={201: list[CorrectionOut], 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS},
)
def create_correction(
    request: HttpRequest, report_id: int, payload: CorrectionIn
) -> Status[list[Correction]]:
    """Hiệu chỉnh chủ đề, cảm xúc, loại hoặc mức khẩn; lần huấn luyện lại sau sẽ học từ đây."""
    made = correction_create(
        actor=request.user,
        report_id=report_id,
        topics=payload.topics,
        sentiment=payload.sentiment.value if payload.sentiment else None,
        kind=payload.kind.value if payload.kind else None,
        urgency=payload.urgency.value if payload.urgency else None,
        confirm=payload.confirm,
    )
    return Status(201, made)


@router.get("/nlp/models", response={200: ModelVersionPage, 404: ErrorOut, **AUTH_ERRORS})
def list_models(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Các phiên bản mô hình với chỉ số đánh giá, mới nhất trước."""
    _require(request, VIEW_MODELS)
    return paginate(ModelVersion.objects.all(), page)


@router.post("/nlp/models/retrain", response={202: RetrainOut, 404: ErrorOut, **AUTH_ERRORS})
def retrain(request: HttpRequest) -> Status[RetrainOut]:
    """Huấn luyện lại ngay từ các hiệu chỉnh (chạy nền khi có hàng đợi)."""
    _require(request, RETRAIN)
    from .jobs import retrain_queue

    retrain_queue()
    return Status(202, RetrainOut(version=None, status="queued"))


@router.get("/nlp/issues", response={200: IssuePage, 404: ErrorOut, **AUTH_ERRORS})
def list_issues(request: HttpRequest, filters: Query[IssueQuery]) -> dict[str, Any]:
    """Vấn đề nổi lên: các nhóm phản ánh giống nhau gần đây, trong phạm vi của bạn."""
    _require(request, VIEW_ISSUES)
    unit = unit_get(request.user, filters.unit) if filters.unit is not None else None
    issues = emerging_issues(request.user, unit=unit, days=filters.days)
    return {"items": issues, "count": len(issues)}


@router.get("/nlp/spikes", response={200: SpikePage, 404: ErrorOut, **AUTH_ERRORS})
def list_spikes(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Cảnh báo tăng đột biến theo chủ đề × đơn vị trong phạm vi của bạn."""
    _require(request, VIEW_ISSUES)
    answer = paginate(spike_list(request.user), page)
    answer["items"] = [_spike(s) for s in answer["items"]]
    return answer


def _spike(s: SpikeAlert) -> SpikeOut:
    return SpikeOut(
        topic=s.topic.code,
        unit_id=s.unit_id,
        window_end=s.window_end,
        window_days=s.window_days,
        count=s.count,
        baseline=s.baseline,
        spread=s.spread,
        score=s.score,
    )


@router.post(
    "/nlp/analyse", response={200: AnalysePage, 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS}
)
def analyse(request: HttpRequest, payload: AnalyseIn) -> dict[str, Any]:
    """Phân tích văn bản bất kỳ (không lưu): chủ đề, cảm xúc, loại, dấu hiệu khẩn."""
    _require(request, Perm.REPORT_VIEW)
    texts = [t[:20000] for t in payload.texts]
    items = analyse_texts(texts)
    return {"items": items, "count": len(items)}
