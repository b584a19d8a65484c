"""The pipeline's steps alone, then the whole list with the seed model."""

from __future__ import annotations

from duluan.nlp import pipeline
from duluan.nlp.bundle import seed_bundle
from duluan.nlp.interface import TextAnalysis, analyse_texts
from duluan.nlp.pipeline import STEPS, Batch, Doc
from duluan.nlp.urgency import suggests_hot_spot, urgency_signals


def test_steps_are_an_explicit_ordered_list() -> None:
    names = [name for name, _ in STEPS]
    assert names == [
        "normalise",
        "pii",
        "tokenise",
        "features",
        "topics",
        "sentiment",
        "kind",
        "urgency",
    ]


def test_normalise_and_tokenise_steps_alone() -> None:
    batch = pipeline.step_normalise(Batch([Doc(raw="Cty ko trả lg")]), None)
    assert batch.docs[0].text == "công ty không trả lương"
    docs = pipeline.step_tokenise(batch, None).docs
    assert docs[0].tokens == ("công", "ty", "không", "trả", "lương")


def test_pii_step_finds_personal_data_in_the_raw_text() -> None:
    docs = pipeline.step_pii(Batch([Doc(raw="Liên hệ chị Trần Thị Bình, 0987654321")]), None).docs
    kinds = {span.kind for span in docs[0].pii}
    assert kinds == {"name", "phone"}


def test_urgency_step_alone() -> None:
    docs = pipeline.step_urgency(
        pipeline.step_normalise(
            Batch([Doc(raw="Hàng trăm công nhân ngừng việc vì nợ lương")]), None
        ),
        None,
    ).docs
    assert set(docs[0].urgency_signals) == {"ngung_viec", "no_luong"}
    assert docs[0].urgency == "diem_nong" and docs[0].suggests_hot_spot  # the rules alone


def test_urgency_rules_read_text_without_diacritics() -> None:
    assert urgency_signals("cong ty no luong 2 thang") == ["no_luong"]
    assert not suggests_hot_spot("cong ty no luong 2 thang", ["no_luong"])
    assert suggests_hot_spot("công ty nợ lương toàn bộ 300 công nhân", ["no_luong"])
    assert urgency_signals("Bữa ăn ca ngon, mọi người vui") == []


def test_classifier_steps_without_models_leave_docs_alone() -> None:
    batch = Batch([Doc(raw="x", tokens=("x",))])
    for step in (
        pipeline.step_features,
        pipeline.step_topics,
        pipeline.step_sentiment,
        pipeline.step_kind,
    ):
        assert step(batch, None) == batch


def test_features_step_vectorises_once_for_all_classifiers() -> None:
    bundle = seed_bundle()
    batch = Batch([Doc(raw="a", tokens=("nợ", "lương")), Doc(raw="b", tokens=("thưởng",))])
    batch = pipeline.step_features(batch, bundle)
    assert batch.features.shape[0] == 2
    docs = pipeline.step_sentiment(batch, bundle).docs
    assert all(d.sentiment for d in docs)


def test_classifier_steps_with_the_seed_model() -> None:
    bundle = seed_bundle()
    docs = pipeline.run(
        ["Công ty nợ bảo hiểm xã hội cả năm nay, không chốt sổ cho công nhân, ai cũng bức xúc"],
        bundle,
    )
    assert docs[0].topics[0][0] == "bao_hiem"
    assert docs[0].sentiment == "tieu_cuc"
    assert 0 < docs[0].sentiment_confidence <= 1
    assert docs[0].urgency in ("can_chu_y", "diem_nong")  # an insurance debt: at least attention
    assert 0 < docs[0].urgency_confidence <= 1


def test_interface_contract() -> None:
    out = analyse_texts(
        [
            "Cảm ơn công đoàn đã tổ chức cho đoàn viên đi nghỉ mát, ai cũng vui",
            "Cho hỏi rút BHXH 1 lần cần giấy tờ gì?",
            "Nghe nói cty sắp cắt giảm hàng loạt công nhân",
            "",
        ]
    )
    assert all(isinstance(a, TextAnalysis) for a in out) and len(out) == 4
    praise, question, rumour, _empty = out
    assert praise.sentiment == "tich_cuc" and praise.kind == "khen_ngoi"
    assert question.kind == "cau_hoi" and question.topics[0] == "bao_hiem"
    assert rumour.kind == "tin_don" and "cat_giam" in rumour.urgency_signals
    assert praise.model_version.startswith("seed-")
    assert analyse_texts([]) == []
