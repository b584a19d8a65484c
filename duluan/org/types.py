"""Who acts: the one type for the ``actor`` every service, selector and scope
check takes.

- :class:`~duluan.org.models.User`, a signed-in account (``AUTH_USER_MODEL``);
- :class:`~django.contrib.auth.models.AnonymousUser`, ``request.user`` before
  sign-in (it reaches nothing: :func:`duluan.org.scope.root_paths` is empty);
- :class:`~duluan.core.sheets.system.SystemActor`, command-line imports run
  without ``--user`` (it reaches every unit and names no one).

All three carry ``pk``, ``is_authenticated``, ``is_active`` and
``is_superuser``, which is all the access rule reads. Anything else needs a
:class:`User`: a read answers "nothing" for an actor that is no account
(``isinstance(actor, User)``), a row naming who did something takes
:func:`duluan.org.scope.acting_account` (after the scope check) or
:func:`duluan.org.scope.recorded_account` (where no one may be recorded).
Functions that also accept nobody say so: ``Actor | None``.

Imported only for annotations, so this module loads no models::

    from duluan.org.types import Actor

    def unit_list(actor: Actor) -> QuerySet[Unit]: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from duluan.core.sheets.system import SystemActor

    from .models import User

Actor: TypeAlias = "User | AnonymousUser | SystemActor"
