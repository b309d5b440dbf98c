"""The RDVs of an export, streamed through a server-side cursor with their participants joined.

Names of motifs, services, lieux and agents come from the local copies, loaded once per export;
usagers come with each row, so memory stays bounded by the batch size, not by the list.
"""

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdv_contracts.booking import CreatorType, RdvStatus
from sqlalchemy import Select, case, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.agent_arrays import agent_array
from booking.adapters.tables import (
    local_agents,
    local_lieux,
    local_motifs,
    local_organisations,
    local_services,
    local_users,
    participations,
    rdvs,
)
from booking.domain.export import Export
from booking.domain.export_records import ExportedAgent, ExportedPerson, ExportedRdv

BATCH_SIZE = 500
_PLACES = {"phone": "Par téléphone", "home": "À domicile", "visio": "Visioconférence"}

_USER_FIELDS = case(
    (local_users.c.id.is_(None), None),
    else_=func.jsonb_build_object(
        *(x for name in ("first_name", "last_name", "email", "phone_number", "birth_date", "post_code")
          for x in (name, local_users.c.data[name]))
    ),
)  # fmt: skip
"""Only what the file shows: an usager's copy holds much more (notes, address, affiliation...)."""

_PEOPLE = (
    select(
        func.coalesce(
            func.jsonb_agg(
                aggregate_order_by(
                    func.jsonb_build_object(
                        "id", participations.c.id,
                        "user_id", participations.c.user_id,
                        "status", participations.c.status,
                        "created_by", participations.c.created_by_type,
                        "beneficiary", participations.c.beneficiary,
                        "user", _USER_FIELDS,
                    ),
                    participations.c.id,
                )
            ),
            literal_column("'[]'::jsonb"),
        )
    )
    .select_from(participations.outerjoin(local_users, local_users.c.id == participations.c.user_id))
    .where(participations.c.rdv_id == rdvs.c.id)
    .correlate(rdvs)
    .scalar_subquery()
)  # fmt: skip


def export_query(export: Export) -> Select[Any]:
    f, scope = export.filters, export.scope
    conditions: list[Any] = [rdvs.c.organisation_id == export.organisation_id]
    if f.agent_id is not None:
        conditions.append(rdvs.c.agent_ids.contains(agent_array(f.agent_id)))
    if f.motif_id is not None:
        conditions.append(rdvs.c.motif_id == f.motif_id)
    if f.lieu_id is not None:
        conditions.append(rdvs.c.lieu_id == f.lieu_id)
    if f.service_id is not None:
        conditions.append(rdvs.c.motif_id.in_(_motifs_of([f.service_id])))
    if f.status is not None:
        conditions.append(rdvs.c.status == f.status)
    if f.starts_after is not None:
        conditions.append(rdvs.c.starts_at >= f.starts_after)
    if f.starts_before is not None:
        conditions.append(rdvs.c.starts_at < f.starts_before)
    if not scope.whole_organisation:
        conditions.append(
            or_(
                rdvs.c.motif_id.in_(_motifs_of(sorted(scope.service_ids))),
                rdvs.c.agent_ids.contains(agent_array(scope.agent_id)),
            )
        )
    return select(rdvs, _PEOPLE.label("people")).where(*conditions).order_by(rdvs.c.starts_at, rdvs.c.id)


def _motifs_of(service_ids: list[int]) -> Select[Any]:
    return select(local_motifs.c.id).where(local_motifs.c.service_id.in_(service_ids))


class SqlExportSource:
    def __init__(self, session: AsyncSession, batch_size: int = BATCH_SIZE) -> None:
        self._session = session
        self._batch_size = batch_size

    async def rdvs(self, export: Export) -> AsyncIterator[Sequence[ExportedRdv]]:
        names = await self._names(export.organisation_id)
        query = export_query(export).execution_options(yield_per=self._batch_size)
        result = await self._session.stream(query)
        async for partition in result.mappings().partitions():
            yield [names.rdv(row) for row in partition]

    async def _names(self, organisation_id: int) -> "Names":
        def by_id(query: Any) -> Any:
            return self._session.execute(query)

        motifs = await by_id(select(local_motifs.c.id, local_motifs.c.data).where(
            local_motifs.c.organisation_id == organisation_id))  # fmt: skip
        lieux = await by_id(select(local_lieux.c.id, local_lieux.c.data).where(
            local_lieux.c.organisation_id == organisation_id))  # fmt: skip
        organisation = await by_id(select(local_organisations.c.data).where(
            local_organisations.c.id == organisation_id))  # fmt: skip
        return Names(
            motifs=dict(motifs.all()),
            services={
                i: d["name"] for i, d in (await by_id(select(local_services.c.id, local_services.c.data)))
            },
            lieux={i: d["name"] for i, d in lieux},
            agents={i: _agent(d) for i, d in (await by_id(select(local_agents.c.id, local_agents.c.data)))},
            organisation=(organisation.scalar() or {}).get("name", ""),
        )


@dataclass(frozen=True)
class Names:
    motifs: Mapping[int, Mapping[str, Any]]
    services: Mapping[int, str]
    lieux: Mapping[int, str]
    agents: Mapping[int, ExportedAgent]
    organisation: str

    def rdv(self, row: Mapping[str, Any]) -> ExportedRdv:
        motif = self.motifs.get(row["motif_id"], {})
        people = [_person(p) for p in row["people"]]
        return ExportedRdv(
            id=row["id"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            created_at=row["created_at"],
            status=RdvStatus(row["status"]),
            created_by=CreatorType(row["created_by"]),
            organisation=self.organisation,
            motif=motif.get("name", ""),
            service=self.services.get(motif.get("service_id", 0), ""),
            lieu=self._lieu(row, motif),
            agents=[self._agent(a) for a in row["agent_ids"]],
            people=people,
            context=row["context"],
            creator=self._creator(row, people),
        )

    def _agent(self, agent_id: int) -> ExportedAgent:
        return self.agents.get(agent_id) or ExportedAgent(f"Agent n°{agent_id}")

    def _lieu(self, row: Mapping[str, Any], motif: Mapping[str, Any]) -> str:
        if row["lieu_id"] is not None:
            return self.lieux.get(row["lieu_id"], "")
        if row["single_use_lieu"]:
            return str(row["single_use_lieu"]["name"])
        return _PLACES.get(motif.get("location_type", ""), "")

    def _creator(self, row: Mapping[str, Any], people: list[ExportedPerson]) -> str:
        by = CreatorType(row["created_by"])
        if by is CreatorType.AGENT and row["created_by_id"] is not None:
            return self.agents.get(
                row["created_by_id"], ExportedAgent(f"Agent n°{row['created_by_id']}")
            ).full_name
        if by is CreatorType.PRESCRIPTEUR and row["prescripteur"]:
            p = row["prescripteur"]
            return f"{p['first_name']} {p['last_name']} ({p['email']})"
        booked = next((p for p in people if p.user_id == row["created_by_id"]), None)
        return booked.full_name if booked else ""


def _agent(data: Mapping[str, Any]) -> ExportedAgent:
    name = f"{data.get('first_name') or ''} {data['last_name']}".strip()
    return ExportedAgent(name, data.get("email"))


def _person(p: Mapping[str, Any]) -> ExportedPerson:
    who = p["user"] or p["beneficiary"] or {"first_name": "", "last_name": ""}
    birth = who.get("birth_date")
    return ExportedPerson(
        participation_id=p["id"],
        user_id=p["user_id"],
        first_name=who.get("first_name") or "",
        last_name=who.get("last_name") or "",
        status=RdvStatus(p["status"]),
        created_by=CreatorType(p["created_by"]),
        email=who.get("email"),
        phone_number=who.get("phone_number"),
        birth_date=date.fromisoformat(birth) if birth else None,
        post_code=who.get("post_code"),
    )
