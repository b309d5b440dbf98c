"""Local copies of directory's entities, upserted from their full-state events.

Each copy keeps the producer's `version` and ignores older states, so a replay or a reordering
changes nothing (docs/conventions.md, "Consuming events").
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rdv_chassis.messaging.inbox import EventHandler, TombstoneHandler
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract, EntityDeleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy import Table, delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters import tables as t
from notifications.adapters.phone import mobile_e164

Row = Callable[[Any], Mapping[str, Any] | None]
"""A payload's row, or None when the entity must be forgotten (soft-deleted, anonymised)."""


def _territory(p: dr.Territory) -> Mapping[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "departement_number": p.departement_number,
        "time_zone": p.time_zone,
        "holiday_subdivision": p.holiday_subdivision,
        "sms_provider": p.sms_provider.value if p.sms_provider else None,
    }


def _organisation(p: dr.Organisation) -> Mapping[str, Any]:
    return {
        "id": p.id,
        "territory_id": p.territory_id,
        "name": p.name,
        "phone_number": p.phone_number,
        "email": p.email,
        "website": p.website,
        "verticale": p.verticale.value,
    }


def _service(p: dr.Service) -> Mapping[str, Any]:
    return {"id": p.id, "name": p.name, "short_name": p.short_name}


def _motif(p: dr.Motif) -> Mapping[str, Any]:
    return {
        "id": p.id,
        "organisation_id": p.organisation_id,
        "service_id": p.service_id,
        "name": p.name,
        "location_type": p.location_type.value,
        "visibility_type": p.visibility_type.value,
        "instruction_for_rdv": p.instruction_for_rdv,
    }


def _lieu(p: dr.Lieu) -> Mapping[str, Any]:
    return {
        "id": p.id,
        "organisation_id": p.organisation_id,
        "name": p.name,
        "address": p.address,
        "phone_number": p.phone_number,
    }


def _user(p: dr.User) -> Mapping[str, Any] | None:
    if p.deleted_at is not None or p.anonymised_at is not None:
        return None
    return {
        "id": p.id,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "mobile_phone": mobile_e164(p.phone_number_formatted, p.phone_number),
        "notify_by_email": p.notify_by_email,
        "notify_by_sms": p.notify_by_sms,
        "responsible_id": p.responsible_id,
    }


def _agent(p: dr.Agent) -> Mapping[str, Any] | None:
    if p.deleted_at is not None:
        return None
    return {
        "id": p.id,
        "email": p.email,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "rdv_notifications_level": p.rdv_notifications_level.value,
        "plage_ouverture_notification_level": p.plage_ouverture_notification_level.value,
        "absence_notification_level": p.absence_notification_level.value,
    }


def _agent_role(p: dr.AgentRole) -> Mapping[str, Any]:
    return {
        "id": p.id,
        "agent_id": p.agent_id,
        "organisation_id": p.organisation_id,
        "access_level": p.access_level.value,
    }


def _upsert(table: Table, model: type[Contract], row: Row) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        payload: Any = parse_payload(envelope, model)  # a directory state: every one has id and version
        version = payload.version
        values = row(payload)
        newer = table.c.version < version
        if values is None:
            await session.execute(delete(table).where(table.c.id == payload.id, newer))
            return
        statement = insert(table).values(**values, version=version)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={k: statement.excluded[k] for k in [*values, "version"] if k != "id"},
                where=newer,
            )
        )

    return handle


async def _forget_id(session: AsyncSession, table: Table, entity_id: int, entity: str | None) -> None:
    await session.execute(delete(table).where(table.c.id == entity_id))
    if entity is not None:
        marker = insert(t.deleted_references).values(entity=entity, id=entity_id)
        await session.execute(marker.on_conflict_do_nothing())


def _forget(table: Table, entity: str | None) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        await _forget_id(session, table, parse_payload(envelope, EntityDeleted).id, entity)

    return handle


def tombstone(table: Table, entity: str | None = None) -> TombstoneHandler:
    async def handle(session: AsyncSession, key: str) -> None:
        if key.isdigit():
            await _forget_id(session, table, int(key), entity)

    return handle


@dataclass(frozen=True)
class Projection:
    """The handlers that keep one local copy, by event type, and what a tombstone does."""

    consumer: str
    topic: str
    handlers: Mapping[str, EventHandler]
    on_tombstone: TombstoneHandler


def _projection(
    entity: str, table: Table, model: type[Contract], row: Row, *, referenced_by_rdvs: bool = False
) -> Projection:
    """`referenced_by_rdvs`: deletions are remembered, so that an RDV event referring to a deleted
    entity is not mistaken for one that arrived before the entity's state."""
    upsert = _upsert(table, model, row)
    remembered = entity if referenced_by_rdvs else None
    return Projection(
        consumer=f"notifications.{table.name}",
        topic=f"directory.{entity}",
        handlers={
            f"{entity}.created": upsert,
            f"{entity}.updated": upsert,
            f"{entity}.deleted": _forget(table, remembered),
        },
        on_tombstone=tombstone(table, remembered),
    )


PROJECTIONS = (
    _projection("territory", t.territories, dr.Territory, _territory, referenced_by_rdvs=True),
    _projection("organisation", t.organisations, dr.Organisation, _organisation, referenced_by_rdvs=True),
    _projection("service", t.services, dr.Service, _service),
    _projection("motif", t.motifs, dr.Motif, _motif, referenced_by_rdvs=True),
    _projection("lieu", t.lieux, dr.Lieu, _lieu, referenced_by_rdvs=True),
    _projection("user", t.users, dr.User, _user),
    _projection("agent", t.agents, dr.Agent, _agent),
    _projection("agent_role", t.agent_roles, dr.AgentRole, _agent_role),
)
