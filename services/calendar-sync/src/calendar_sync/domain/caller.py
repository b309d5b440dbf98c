from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Caller:
    """Who calls the API, from their verified token: an agent or an organisation's API token."""

    kind: str
    id: int
    organisation_levels: Mapping[int, str] = field(default_factory=dict)

    @property
    def is_agent(self) -> bool:
        return self.kind == "agent"
