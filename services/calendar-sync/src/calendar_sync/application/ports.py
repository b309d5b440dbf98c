"""What the use cases need from the outside world."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, Self

from rdv_contracts.envelope import EventEnvelope

from calendar_sync.application.repositories import Stores
from calendar_sync.domain.calendar_entry import CalendarEntry

__all__ = ["Stores"]


class UnitOfWork(Protocol):
    """`async with uow:` rolls back unless `await uow.commit()`, which also writes the published
    events to the outbox in the same transaction."""

    @property
    def stores(self) -> Stores: ...
    def publish(self, envelope: EventEnvelope) -> None: ...
    async def commit(self) -> None: ...
    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Sealer(Protocol):
    def seal(self, value: str) -> bytes: ...
    def open(self, sealed: bytes) -> str: ...
    def seal_json(self, value: dict[str, Any]) -> bytes: ...
    def open_json(self, sealed: bytes) -> dict[str, Any]: ...


class IcsRenderer(Protocol):
    def vevent(self, entry: CalendarEntry) -> bytes: ...
    def document(self, vevents: Sequence[bytes], time_zones: Sequence[str], name: str) -> bytes: ...


@dataclass(frozen=True)
class HttpOutcome:
    """What came back from an outbound call; `status` None when no answer came (timeout, refused)."""

    status: int | None
    error: str | None = None
    retry_after: timedelta | None = None
    etag: str | None = None
    location: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class UrlGuard(Protocol):
    async def check(self, url: str, field: str) -> None:
        """Raises UnsafeUrl when the URL, or an address it resolves to now, may not be reached."""


class WebhookSender(Protocol):
    async def post(self, url: str, headers: dict[str, str], body: bytes) -> HttpOutcome: ...


class Clock(Protocol):
    def __call__(self) -> datetime: ...


@dataclass(frozen=True)
class PushResult:
    """The outcome of one push to an external calendar."""

    done: bool
    remote_id: str | None = None
    etag: str | None = None
    error: str | None = None
    retry_after: timedelta | None = None
    broken: str | None = None
    """The server refuses our credentials for good (e.g. invalid_grant): the agent must reconnect."""
    new_secrets: dict[str, Any] | None = None
    """Secrets to store in place of the old ones (a refreshed OAuth token)."""


class PushTarget(Protocol):
    """Where a claimed calendar event lives: its channel, agent, RDV and what we know of the remote copy."""

    @property
    def channel(self) -> str: ...
    @property
    def agent_id(self) -> int: ...
    @property
    def rdv_uuid(self) -> Any: ...
    @property
    def remote_id(self) -> str | None: ...
    @property
    def remote_etag(self) -> str | None: ...


class CalendarGateway(Protocol):
    async def upsert(
        self, secrets: dict[str, Any], target: PushTarget, entry: CalendarEntry
    ) -> PushResult: ...
    async def remove(self, secrets: dict[str, Any], target: PushTarget) -> PushResult: ...
