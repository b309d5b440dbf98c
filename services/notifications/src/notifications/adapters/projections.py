"""Local copies of directory's entities, upserted from their full-state events.

Compacted topics are keyed by id and ordered per key, so the last state received is the current one;
a replay rewrites the same rows.
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


def _upsert(table: Table, model: type[Contract], row: Row) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        payload = parse_payload(envelope, model)
        values = row(payload)
        if values is None:
            await session.execute(delete(table).where(table.c.id == payload.id))
            return
        statement = insert(table).values(**values)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.id], set_={k: statement.excluded[k] for k in values if k != "id"}
            )
        )

    return handle


def _forget(table: Table) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        payload = parse_payload(envelope, EntityDeleted)
        await session.execute(delete(table).where(table.c.id == payload.id))

    return handle


def tombstone(table: Table) -> TombstoneHandler:
    async def handle(session: AsyncSession, key: str) -> None:
        if key.isdigit():
            await session.execute(delete(table).where(table.c.id == int(key)))

    return handle


@dataclass(frozen=True)
class Projection:
    """The handlers that keep one local copy, by event type, and what a tombstone does."""

    consumer: str
    topic: str
    handlers: Mapping[str, EventHandler]
    on_tombstone: TombstoneHandler


def _projection(entity: str, table: Table, model: type[Contract], row: Row) -> Projection:
    upsert = _upsert(table, model, row)
    return Projection(
        consumer=f"notifications.{table.name}",
        topic=f"directory.{entity}",
        handlers={
            f"{entity}.created": upsert,
            f"{entity}.updated": upsert,
            f"{entity}.deleted": _forget(table),
        },
        on_tombstone=tombstone(table),
    )


PROJECTIONS = (
    _projection("territory", t.territories, dr.Territory, _territory),
    _projection("organisation", t.organisations, dr.Organisation, _organisation),
    _projection("service", t.services, dr.Service, _service),
    _projection("motif", t.motifs, dr.Motif, _motif),
    _projection("lieu", t.lieux, dr.Lieu, _lieu),
    _projection("user", t.users, dr.User, _user),
    _projection("agent", t.agents, dr.Agent, _agent),
)
