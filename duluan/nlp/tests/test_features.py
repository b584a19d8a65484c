"""The trainer's features: the fast char n-grams are scikit-learn's, exactly; a
pickled model is small and gives the same features back."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from duluan.nlp.learn import CharNgrams, Features, TextClassifier, TrainConfig, prepare
from duluan.nlp.text import expand_abbreviations, mask

TEXTS = [
    "Giảng viên nhiệt tình, bài giảng hay và dễ hiểu!",
    "phòng học nóng quá, máy chiếu hỏng mãi không sửa",
    "a b ab abc abcdef xyz xyz xyz",  # words shorter and longer than the n-grams
    "Công ty nợ lương công nhân ba tháng nay, ko ai trả lời?",
    "thầy dạy hay lắm ạ",
    "",
    "môn học bổ ích nhưng slide sơ sài khó hiểu",
]
UNSEEN = ["giảng viên đi trễ, phòng học nóng", "từ mới hoàn toàn qwerty", ""]


@pytest.mark.parametrize(("ngrams", "min_df", "max_features"), [((1, 5), 2, None), ((2, 4), 1, 40)])
def test_char_ngrams_are_scikit_learns_char_wb(
    ngrams: tuple[int, int], min_df: int, max_features: int | None
) -> None:
    docs = [prepare(t) for t in TEXTS]
    new = [prepare(t) for t in UNSEEN]
    reference = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=ngrams,
        sublinear_tf=True,
        min_df=min_df,
        lowercase=False,
        dtype=np.float32,
        max_features=max_features,
    )
    ours = CharNgrams(ngrams, min_df, max_features)
    expected, got = reference.fit_transform(docs), ours.fit_transform(docs)
    if max_features is None:  # with a cut, ties in frequency may keep other n-grams
        assert ours.vocabulary_ == {t: int(j) for t, j in reference.vocabulary_.items()}
        assert abs(expected - got).max() < 1e-6
        assert abs(reference.transform(new) - ours.transform(new)).max() < 1e-6
    assert got.shape == expected.shape
    assert np.allclose(np.asarray(got.multiply(got).sum(axis=1)).ravel()[:5], 1, atol=1e-5)


def test_features_pickle_compactly_and_transform_alike() -> None:
    docs = [prepare(t) for t in TEXTS * 3]
    features = Features(TrainConfig())
    x = features.fit_transform(docs)
    blob = pickle.dumps(features)
    assert b"abcdef" in blob  # the vocabulary travels as one string
    again = pickle.loads(blob)  # noqa: S301 (our own pickle)
    assert isinstance(again.word.vocabulary_, dict) and isinstance(again.char.vocabulary_, dict)
    assert again.word.vocabulary_ == features.word.vocabulary_
    assert abs(again.transform(docs) - x).max() == 0
    assert isinstance(features.word.vocabulary_, dict)  # pickling left the original intact


def test_a_saved_model_predicts_the_same(tmp_path: object) -> None:
    texts = [f"{t} lần {i}" for i in range(12) for t in TEXTS[:5]]
    labels = [["tốt", "xấu", "khác", "xấu", "tốt"][j] for _ in range(12) for j in range(5)]
    model = TextClassifier().fit(texts, labels)
    directory = model.save(tmp_path)  # type: ignore[arg-type]
    loaded = TextClassifier.load(directory)
    assert np.allclose(loaded.predict_proba(UNSEEN), model.predict_proba(UNSEEN))


def test_fast_paths_of_normalisation_change_nothing() -> None:
    assert "đường_dẫn" in mask("xem tại https://a.b/c nhé")
    assert "đường_dẫn" in mask("xem baomoi.com và www.abc")
    assert mask("không có đường dẫn nào ở đây") == "không có đường dẫn nào ở đây"
    assert expand_abbreviations("ko biết") == "không biết"
    assert expand_abbreviations("không_ko ko_") == "không_ko không_"
    assert expand_abbreviations("chẳng có gì") == "chẳng có gì"
