"""Demo data (idempotent): `python -m booking.entrypoints.demo`, after directory's.

A handful of RDVs in the coming days for the directory's demo agents and usagers, one of them a
collective atelier an usager joins, all made through booking's own use cases. It first waits (up
to two minutes) until the worker has copied the directory's demo data into booking's database.
"""

import asyncio
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters.demo_lookup import SqlDemoLookup
from booking.adapters.unit_of_work import BookingUnitOfWork
from booking.application.create_rdv import CreateRdv, create_rdv
from booking.application.join_collective_rdv import JoinCollectiveRdv, join_collective_rdv
from booking.bootstrap import build_database
from booking.config import BookingSettings
from booking.domain.rights import AgentAccess

DOMAIN = "demo.rdv-solidarites.example"
MARK = "Rendez-vous de démonstration"
ZONE = ZoneInfo("Europe/Paris")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoRdv:
    organisation: str
    motif: str
    agent: str
    usagers: tuple[str, ...]
    day: int
    """Working days from today."""
    at: tuple[int, int]
    lieu: str | None = None
    name: str | None = None
    duration_in_min: int | None = None


MAIRIE, SOCIAL, MDD = "Mairie d'Arras", "Maison du Département d'Arras", "Maison du Département"
RDVS = [
    DemoRdv(MAIRIE, "Consultation PMI", "pmi.1", ("usager01",), 1, (9, 0), MAIRIE),
    DemoRdv(MAIRIE, "Vaccination", "pmi.2", ("usager02",), 1, (10, 30), MAIRIE),
    DemoRdv(SOCIAL, "Premier rendez-vous social", "social.1", ("usager03",), 2, (14, 0), MDD),
    DemoRdv(SOCIAL, "Entretien en visio", "social.2", ("usager05",), 2, (11, 0)),
    DemoRdv(SOCIAL, "Dossier RSA", "social.1", ("usager07",), 3, (9, 30), MDD),
    DemoRdv(MAIRIE, "Atelier parents", "pmi.1", ("usager09",), 3, (14, 0), MAIRIE, "Portage bébé", 120),
]
JOINS = [("Atelier parents", "usager11")]


class DemoCopiesMissing(Exception):
    pass


def working_day(today: date, n: int) -> date:
    day = today
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


async def load(
    uow: Callable[[], BookingUnitOfWork], clock: Callable[[], datetime], wait_seconds: float = 120
) -> list[int]:
    """The ids of the RDVs created; none when they were loaded before."""
    async with uow() as unit:
        if await SqlDemoLookup(unit.session).rdvs_with_context(MARK):
            return []
    deadline = time.monotonic() + wait_seconds
    while (commands := await _commands(uow, clock)) is None:
        if time.monotonic() > deadline:
            raise DemoCopiesMissing("the directory's demo data has not reached booking's copies")
        await asyncio.sleep(2)
    created = [(await create_rdv(uow, clock, access, command)) for access, command in commands]
    for motif, usager in JOINS:
        rdv = next(r for r, spec in zip(created, RDVS, strict=True) if spec.motif == motif)
        async with uow() as unit:
            user = await SqlDemoLookup(unit.session).user_with_email(f"{usager}@{DOMAIN}")
        assert rdv.id is not None and user is not None
        await join_collective_rdv(uow, clock, JoinCollectiveRdv(rdv.id, user.id))
    return [rdv.id for rdv in created if rdv.id is not None]


async def _commands(
    uow: Callable[[], BookingUnitOfWork], clock: Callable[[], datetime]
) -> list[tuple[AgentAccess, CreateRdv]] | None:
    """None until every entity the demo RDVs need has been copied (roles included)."""
    today = clock().astimezone(ZONE).date()
    commands = []
    async with uow() as unit:
        lookup = SqlDemoLookup(unit.session)
        for spec in RDVS:
            organisation = await lookup.organisation_named(spec.organisation)
            agent = await lookup.agent_with_email(f"{spec.agent}@{DOMAIN}")
            users = [await lookup.user_with_email(f"{u}@{DOMAIN}") for u in (*spec.usagers, *_joiners(spec))]
            if organisation is None or agent is None or None in users:
                return None
            motif = await lookup.motif_named(organisation.id, spec.motif)
            lieu = await lookup.lieu_named(organisation.id, spec.lieu) if spec.lieu else None
            if motif is None or (spec.lieu and lieu is None):
                return None
            if not await unit.directory.has_role(agent.id, organisation.id):
                return None
            starts_at = datetime.combine(working_day(today, spec.day), datetime.min.time(), ZONE)
            command = CreateRdv(
                organisation_id=organisation.id,
                motif_id=motif.id,
                starts_at=starts_at.replace(hour=spec.at[0], minute=spec.at[1]),
                agent_ids=[agent.id],
                user_ids=[u.id for u in users[: len(spec.usagers)] if u is not None],
                lieu_id=lieu.id if lieu else None,
                context=MARK,
                name=spec.name,
                max_participants_count=8 if spec.name else None,
                duration_in_min=spec.duration_in_min,
            )
            access = AgentAccess(agent.id, {organisation.id: "basic"}, frozenset(agent.service_ids))
            commands.append((access, command))
    return commands


def _joiners(spec: DemoRdv) -> list[str]:
    return [usager for motif, usager in JOINS if motif == spec.motif]


async def main() -> None:
    settings = BookingSettings()
    database = build_database(settings)

    def uow() -> BookingUnitOfWork:
        return BookingUnitOfWork(database.sessions, database.outbox, database.producer)

    try:
        created = await load(uow, lambda: datetime.now(UTC))
    except DemoCopiesMissing as missing:
        log.error("booking demo data not loaded: %s (is booking's worker running?)", missing)
        sys.exit(1)
    finally:
        await database.engine.dispose()
    # Reporting what was loaded is this CLI's purpose.
    sys.stdout.write(f"booking demo data ready: {len(created)} RDVs created\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
