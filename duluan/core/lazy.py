"""A module imported on first use, for a heavy library that a module needs only
inside some of its functions (NumPy in the survey statistics).

``np = lazy_module("numpy")`` at the top of a module costs nothing; the first
``np.zeros`` imports NumPy. Pair it with ``if TYPE_CHECKING: import numpy as np``
so annotations and mypy see the real module::

    if TYPE_CHECKING:
        import numpy as np
    else:
        np = lazy_module("numpy")

``duluan/core/tests/test_lean_imports.py`` checks that starting a process
(settings, apps, URLs, the API, the system checks, templates) imports none of
the heavy libraries.
"""

from __future__ import annotations

import importlib
import types
from typing import Any


class LazyModule(types.ModuleType):
    """Stands for the module ``name``; the first read of an attribute imports it."""

    def __getattr__(self, attr: str) -> Any:
        # Only called for attributes not yet copied here. import_module holds the
        # import lock, so two threads asking at once both get the finished module.
        value = getattr(importlib.import_module(self.__name__), attr)
        setattr(self, attr, value)
        return value


def lazy_module(name: str) -> Any:
    return LazyModule(name)
