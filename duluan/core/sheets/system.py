"""The actor of command-line imports run without ``--user``."""

from __future__ import annotations


class SystemActor:
    """Reaches every unit, as a superuser does in :mod:`duluan.org.scope`, but
    is no account: nothing it writes names a person (``created_by`` stays empty)."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    username = "system"

    def __str__(self) -> str:
        return "hệ thống"


SYSTEM_ACTOR = SystemActor()


def actor_user_id(actor: object) -> int | None:
    """The account to record as having done it; none for the system actor."""
    return None if isinstance(actor, SystemActor) else getattr(actor, "pk", None)
