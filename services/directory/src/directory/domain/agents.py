"""Agents, their roles in organisations and their territorial admin roles."""

from dataclasses import dataclass
from datetime import datetime

from rdv_contracts.directory import AccessLevel, NotificationLevel, RdvNotificationLevel

from directory.domain.contact import normalise_email
from directory.domain.errors import Conflict, InvalidField


@dataclass
class Agent:
    last_name: str
    id: int = 0  # 0 until stored
    email: str | None = None
    first_name: str | None = None
    external_id: str | None = None
    rdv_notifications_level: RdvNotificationLevel = RdvNotificationLevel.OTHERS
    plage_ouverture_notification_level: NotificationLevel = NotificationLevel.ALL
    absence_notification_level: NotificationLevel = NotificationLevel.ALL
    deleted_at: datetime | None = None
    version: int = 1

    def validate(self) -> None:
        if self.email:
            self.email = normalise_email(self.email)
        self.last_name = (self.last_name or "").strip()

    def soft_delete(self, now: datetime) -> None:
        """Reference §1.4: an agent with no organisation left keeps no usable e-mail."""
        self.deleted_at = now
        self.email = f"agent_{self.id}@deleted.rdv.invalid"


@dataclass
class AgentRole:
    agent_id: int
    organisation_id: int
    access_level: AccessLevel = AccessLevel.BASIC
    id: int = 0  # 0 until stored
    version: int = 1


@dataclass
class AgentTerritorialRole:
    agent_id: int
    territory_id: int
    id: int = 0  # 0 until stored


def check_invitation(email: str | None, last_name: str | None, access_level: AccessLevel) -> None:
    if access_level is AccessLevel.INTERVENANT:
        if email:
            raise InvalidField("email", "un intervenant n'a pas d'adresse e-mail")
        if not (last_name or "").strip():
            raise InvalidField("last_name", "doit être rempli(e) pour un intervenant")
    elif not email:
        raise InvalidField("email", "doit être rempli(e)")


def check_admins_remain(admin_ids: set[int], leaving_agent_id: int) -> None:
    """An organisation always keeps at least one admin (reference §1.4)."""
    if admin_ids <= {leaving_agent_id}:
        raise Conflict("L'organisation doit garder au moins un administrateur")


def check_territory_admins_remain(admin_agent_ids: set[int], leaving_agent_id: int) -> None:
    if admin_agent_ids <= {leaving_agent_id}:
        raise Conflict("L'espace doit garder au moins un administrateur d'espace")
