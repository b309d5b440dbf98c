"""The demo CLI: waits for the directory's demo data in the local copies, then creates its plages once."""

import asyncio

import pytest
from availability.adapters.copies import SqlCopies
from availability.application.seed_demo_plages import DemoDataMissing
from availability.application.when_directory_changes_update_copies import KIND_OF_TOPIC, update_copy
from availability.bootstrap import build_database
from availability.config import AvailabilitySettings
from availability.entrypoints import demo
from availability_api_testing import ALEMBIC_INI
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import directory as dr
from rdv_contracts.registry import envelope, spec_for
from sqlalchemy import text


def directory_demo() -> list:
    """What the directory's demo publishes, as far as the demo plages need it."""
    return [
        dr.TerritoryCreated(id=1, name="Pas-de-Calais", departement_number="62"),
        dr.OrganisationCreated(id=1, territory_id=1, name="Mairie d'Arras"),
        dr.OrganisationCreated(id=2, territory_id=1, name="Maison du Département d'Arras"),
        dr.ServiceCreated(id=1, name="PMI", short_name="PMI"),
        dr.ServiceCreated(id=2, name="Service social", short_name="Social"),
        *(
            dr.AgentCreated(id=i, email=f"a{i}@x.fr", last_name=name, service_ids=[s], organisation_ids=[o])
            for i, name, s, o in ((1, "Puéricultrice", 1, 1), (2, "Médecin", 1, 1), (3, "Assistante", 2, 2),
                                  (4, "Éducateur", 2, 2))
        ),
        *(
            dr.LieuCreated(id=i, organisation_id=o, name=name, address="Arras", latitude=50.3, longitude=2.8)
            for i, o, name in ((1, 1, "Mairie d'Arras"), (2, 2, "Maison du Département"),
                               (3, 2, "Antenne de Lens"))
        ),
        *(
            dr.MotifCreated(id=10 + n, organisation_id=org, service_id=org, name=name, location_type=where)
            for n, (org, name, where) in enumerate((
                (1, "Consultation PMI", "public_office"), (1, "Vaccination", "public_office"),
                (1, "Suivi de grossesse", "public_office"), (1, "Visite à domicile", "home"),
                (1, "Conseil par téléphone", "phone"), (2, "Premier rendez-vous social", "public_office"),
                (2, "Aide administrative", "public_office"), (2, "Dossier RSA", "public_office"),
                (2, "Signalement", "public_office"), (2, "Entretien en visio", "visio"),
            ))
        ),
    ]  # fmt: skip


async def publish(database, payloads) -> None:
    for payload in payloads:
        event = envelope(payload, aggregate_id=payload.id, organisation_id=None)
        async with database.sessions() as session, session.begin():
            await update_copy(SqlCopies(session), KIND_OF_TOPIC[spec_for(event.event_type).topic.name], event)


@pytest.fixture
async def settings(make_database):
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    return AvailabilitySettings(database_url=url, environment="test")


async def _count(settings, query: str) -> int:
    database = build_database(settings)
    try:
        async with database.sessions() as session:
            return (await session.execute(text(query))).scalar_one()
    finally:
        await database.engine.dispose()


async def test_demo_waits_for_the_directory_copies_then_creates_its_plages_once(settings):
    database = build_database(settings)
    running = asyncio.create_task(demo.run(settings, wait_seconds=30))
    await asyncio.sleep(1)  # the copies arrive while the demo waits
    assert not running.done()
    await publish(database, directory_demo())
    await database.engine.dispose()

    assert await running == len(demo.DEMO_PLAGES)
    assert await demo.run(settings, wait_seconds=1) == 0
    assert await _count(settings, "SELECT count(*) FROM plages_ouverture") == len(demo.DEMO_PLAGES)
    created = "SELECT count(*) FROM outbox WHERE event_type = 'plage_ouverture.created'"
    assert await _count(settings, created) == len(demo.DEMO_PLAGES)
    phone = "SELECT count(*) FROM plages_ouverture WHERE lieu_id IS NULL AND rrule LIKE 'FREQ=WEEKLY%'"
    assert await _count(settings, phone) == 2


async def test_demo_gives_up_after_its_wait_and_names_what_is_missing(settings):
    database = build_database(settings)
    await publish(database, [p for p in directory_demo() if not isinstance(p, dr.LieuCreated)])
    await database.engine.dispose()
    with pytest.raises(DemoDataMissing) as missing:
        await demo.run(settings, wait_seconds=0.5)
    assert "lieu Antenne de Lens" in missing.value.missing
    assert await _count(settings, "SELECT count(*) FROM plages_ouverture") == 0
