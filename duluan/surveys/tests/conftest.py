from collections.abc import Iterator

import pytest

from duluan.surveys import results


@pytest.fixture(autouse=True)
def _fresh_results_cache() -> Iterator[None]:
    """Ids are reused after a test's rollback: never serve one test's rows to another."""
    results.forget_loaded()
    yield
    results.forget_loaded()
