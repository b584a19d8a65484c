"""The one error a whole-file check raises."""

from __future__ import annotations

from duluan.core.errors import ValidationFailed


class ImportRefused(ValidationFailed):
    """The file as a whole was refused before any row was read (type, size, bomb...).

    ``message`` is Vietnamese and safe to show to the person who uploaded it.
    """
