"""The demo data CLI: waits for its copies of the directory's demo data, then loads once."""

from datetime import UTC, datetime

import pytest
from booking.adapters.unit_of_work import BookingUnitOfWork
from booking.entrypoints import demo
from rdv_chassis.testing.fixtures import raw_connection
from rdv_contracts import directory as dr

from .conftest import Booking

ORGS = {demo.MAIRIE: 51, demo.SOCIAL: 52}
SERVICES = {"pmi": 61, "social": 62}
AGENTS = {"pmi.1": (71, demo.MAIRIE, "pmi"), "pmi.2": (72, demo.MAIRIE, "pmi")}
AGENTS |= {"social.1": (73, demo.SOCIAL, "social"), "social.2": (74, demo.SOCIAL, "social")}
MOTIFS = [
    (81, demo.MAIRIE, "pmi", "Consultation PMI", {}),
    (82, demo.MAIRIE, "pmi", "Vaccination", {}),
    (83, demo.SOCIAL, "social", "Premier rendez-vous social", {}),
    (84, demo.SOCIAL, "social", "Entretien en visio", {"location_type": dr.LocationType.VISIO}),
    (85, demo.SOCIAL, "social", "Dossier RSA", {}),
    (86, demo.MAIRIE, "pmi", "Atelier parents", {"collectif": True, "bookable_by": dr.BookableBy.EVERYONE}),
]
LIEUX = [(91, demo.MAIRIE, demo.MAIRIE), (92, demo.SOCIAL, demo.MDD)]


async def copy_the_directory_demo(booking: Booking, *, roles: bool = True) -> None:
    for name, org_id in ORGS.items():
        await booking.apply(dr.OrganisationCreated(id=org_id, territory_id=1, name=name), org_id)
    for local, (agent_id, org, service) in AGENTS.items():
        email = f"{local}@{demo.DOMAIN}"
        agent = dr.AgentCreated(id=agent_id, email=email, last_name=local, service_ids=[SERVICES[service]])
        await booking.apply(agent, agent_id)
        if roles:
            role = dr.AgentRoleCreated(id=agent_id, agent_id=agent_id, organisation_id=ORGS[org])
            await booking.apply(role, agent_id)
    for n in range(1, 12):
        email = f"usager{n:02d}@{demo.DOMAIN}"
        await booking.apply(dr.UserCreated(id=300 + n, first_name="U", last_name=f"Nom{n}", email=email), n)
    for motif_id, org, service, name, options in MOTIFS:
        motif = dr.MotifCreated(
            id=motif_id, organisation_id=ORGS[org], service_id=SERVICES[service], name=name, **options
        )
        await booking.apply(motif, motif_id)
    for lieu_id, org, name in LIEUX:
        place = {"address": "1 rue", "latitude": 50.0, "longitude": 2.0}
        lieu = dr.LieuCreated(id=lieu_id, organisation_id=ORGS[org], name=name, **place)
        await booking.apply(lieu, lieu_id)


def units(booking: Booking):
    database = booking.database
    return lambda: BookingUnitOfWork(database.sessions, database.outbox, database.producer)


async def test_the_demo_loads_a_handful_of_rdvs_once_with_a_collective_one_joined(booking: Booking):
    await copy_the_directory_demo(booking)

    first = await demo.load(units(booking), lambda: datetime.now(UTC), wait_seconds=5)
    again = await demo.load(units(booking), lambda: datetime.now(UTC), wait_seconds=5)

    connection = await raw_connection(booking.url)
    try:
        rdvs = await connection.fetch("SELECT collectif, users_count, starts_at FROM rdvs ORDER BY id")
    finally:
        await connection.close()
    assert len(first) == len(demo.RDVS) == len(rdvs) and again == []
    assert [(r["collectif"], r["users_count"]) for r in rdvs if r["collectif"]] == [(True, 2)]
    assert all(r["starts_at"] > datetime.now(UTC) for r in rdvs)
    created = [e for e in await booking.outbox_events() if e.event_type == "rdv.created"]
    assert len(created) == len(demo.RDVS)


async def test_the_demo_gives_up_when_its_copies_do_not_arrive(booking: Booking):
    await copy_the_directory_demo(booking, roles=False)

    with pytest.raises(demo.DemoCopiesMissing):
        await demo.load(units(booking), lambda: datetime.now(UTC), wait_seconds=0.1)
