"""Personal-data providers: each app that holds personal data registers one in
its ``AppConfig.ready()``, so export, erasure, retention and the processing
register cover a new app without an edit here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from .subject import SubjectRef


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the processing register (what, why, basis, who, how long)."""

    category: str
    fields: list[str]
    purpose: str
    legal_basis: str
    subjects: str
    recipients: str
    retention: str
    storage: str
    sensitive: bool = False
    count: int = 0


@dataclass
class ErasureKeys:
    """Keys of what was erased, enough to erase it again after a restore."""

    values: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, name: str, items: list[Any]) -> None:
        if items:
            self.values.setdefault(name, []).extend(items)


class PersonalDataProvider(Protocol):
    key: str

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]: ...

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int: ...

    def reapply(self, keys: dict[str, list[Any]]) -> int: ...

    def restrict(self, subject: SubjectRef, when: datetime) -> int: ...

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]: ...

    def register_entries(self) -> list[RegisterEntry]: ...


_PROVIDERS: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    _PROVIDERS[provider.key] = provider


def providers() -> list[PersonalDataProvider]:
    return list(_PROVIDERS.values())
