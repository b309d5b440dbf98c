"""Usagers' presence in organisations and their referent agents."""

from dataclasses import dataclass
from datetime import datetime


@dataclass
class UserProfile:
    user_id: int
    organisation_id: int
    id: int = 0  # 0 until stored


@dataclass
class ReferentAssignation:
    user_id: int
    agent_id: int
    id: int = 0  # 0 until stored


@dataclass(frozen=True)
class Membership:
    """An agent's role seen with the territory of its organisation."""

    organisation_id: int
    territory_id: int
    access_level: str


@dataclass(frozen=True)
class RdvFact:
    """What the directory knows of an RDV (from booking's events): enough to protect what it uses."""

    rdv_id: int
    organisation_id: int
    motif_id: int
    agent_ids: tuple[int, ...]
    user_ids: tuple[int, ...]
    starts_at: datetime
    cancelled: bool
    version: int


def describe_rdvs(facts: list[RdvFact]) -> str:
    return ", ".join(f"RDV {fact.rdv_id} du {fact.starts_at:%d/%m/%Y %H:%M} UTC" for fact in facts[:10])
