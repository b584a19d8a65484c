"""Domain errors. Views and the API map them to responses in one place each."""

from __future__ import annotations


class ApplicationError(Exception):
    """A domain rule refused the request. ``message`` is Vietnamese, for users."""

    status = 400

    def __init__(self, message: str, *, extra: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class NotFoundError(ApplicationError):
    """Missing, or outside the actor's scope: both answer the same."""

    status = 404


class PermissionDeniedError(ApplicationError):
    status = 403


class ValidationFailed(ApplicationError):
    status = 422


class ConflictError(ApplicationError):
    """The request contradicts what is already stored (a key reused for other data)."""

    status = 409


def refusal_text(exc: ApplicationError) -> str:
    """A domain refusal as one Vietnamese sentence, with its field errors if any."""
    errors = exc.extra.get("errors")
    detail = ""
    if isinstance(errors, dict):
        detail = " " + " ".join(str(m) for msgs in errors.values() for m in msgs)
    return f"{exc.message}{detail}"
