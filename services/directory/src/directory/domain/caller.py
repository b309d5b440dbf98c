"""Who calls a use case, as read from their access token by the HTTP entrypoint."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

CallerKind = Literal["agent", "user", "api_token", "system"]


@dataclass(frozen=True)
class Caller:
    kind: CallerKind
    id: int
    org_levels: Mapping[int, str] = field(default_factory=dict)
    territory_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    secretariat: bool = False

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(self.org_levels)

    def level_in(self, organisation_id: int) -> str | None:
        return self.org_levels.get(organisation_id)


SYSTEM = Caller(kind="system", id=0)
