"""One RDV as the export reads it: names already resolved from the local copies."""

from dataclasses import dataclass, field
from datetime import date, datetime

from rdv_contracts.booking import CreatorType, RdvStatus


@dataclass(frozen=True)
class ExportedPerson:
    """A participant: an usager account or a prescripteur's beneficiary."""

    participation_id: int
    user_id: int | None
    first_name: str
    last_name: str
    status: RdvStatus
    created_by: CreatorType
    email: str | None = None
    phone_number: str | None = None
    birth_date: date | None = None
    post_code: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ExportedAgent:
    full_name: str
    email: str | None = None


@dataclass(frozen=True)
class ExportedRdv:
    id: int
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    status: RdvStatus
    created_by: CreatorType
    organisation: str
    motif: str
    service: str
    lieu: str
    agents: list[ExportedAgent]
    people: list[ExportedPerson] = field(default_factory=list)
    context: str | None = None
    creator: str = ""
    """Who booked: an agent's name, the usager's, or the prescripteur's with their e-mail."""
