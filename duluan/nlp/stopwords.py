"""Vietnamese function words (with their diacritics): poor key phrases, and no names.

Light on purpose (no scikit-learn): :mod:`duluan.nlp.related` and the pages read it too.
"""

from __future__ import annotations

_STOP_WORDS = (
    "và của là có cho các những được không với này đã đang sẽ thì mà như rằng để từ khi "
    "vì nên lại ra vào lên đến trong ngoài theo về tại bị do nhiều rất cũng còn một hai "
    "người công ty anh chị em họ ta chúng tôi mình nay đó ở hơn nữa gì nào ai đâu"
)
STOP = frozenset(_STOP_WORDS.split())


def is_stopword(word: str) -> bool:
    """``word`` as written (diacritics kept, any case) is a function word."""
    return word.lower() in STOP
