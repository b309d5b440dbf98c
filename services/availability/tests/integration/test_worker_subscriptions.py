"""The worker's subscribers against the real broker: local copies and busy times built from the
topics, duplicates without a second effect, tombstones removing copies."""

import asyncio
import random
from datetime import UTC, datetime, timedelta

from availability.bootstrap import build_database, subscriptions
from availability.config import AvailabilitySettings
from availability_api_testing import ALEMBIC_INI
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import produce_raw
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.registry import envelope, spec_for
from sqlalchemy import text


async def _produce(bootstrap: str, *payloads, key: int) -> None:
    for payload in payloads:
        event = envelope(payload, aggregate_id=key, organisation_id=None)
        record = OutgoingRecord.from_envelope(event, spec_for(event.event_type).topic.name, None)
        await produce_raw(
            bootstrap, record.topic, [(record.key.encode(), record.value, record.kafka_headers())]
        )


async def _eventually(database, query: str, expected, timeout: float = 60.0):
    async with asyncio.timeout(timeout):
        while True:
            async with database.sessions() as session:
                found = (await session.execute(text(query))).all()
            if found == expected:
                return
            await asyncio.sleep(0.3)


async def test_subscribers_keep_copies_and_busy_times_from_the_topics(make_database, kafka_bootstrap):
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    settings = AvailabilitySettings(
        database_url=url, kafka_bootstrap_servers=kafka_bootstrap, environment="test"
    )
    database = build_database(settings)
    await ensure_topics(kafka_bootstrap)
    broker = new_broker(kafka_bootstrap, "availability-test-worker")
    for subscribe in subscriptions(settings):
        subscribe(broker, BrokerDeadLetters(broker), database)
    territory_id, rdv_id = random.randint(10**8, 10**9), random.randint(10**8, 10**9)
    territory = dr.TerritoryCreated(
        id=territory_id, name="Bas-Rhin", departement_number="67", open_on_sundays=True
    )
    starts = datetime(2026, 3, 5, 8, tzinfo=UTC)
    snapshot = bk.RdvSnapshot(
        id=rdv_id, uuid="00000000-0000-0000-0000-000000000001", organisation_id=1, motif_id=1, lieu_id=None,
        starts_at=starts, ends_at=starts + timedelta(minutes=30), duration_in_min=30, status="unknown",
        agent_ids=[5, 6], participations=[], users_count=1, created_by="agent", created_by_id=5, sequence=0,
        version=1, created_at=starts, updated_at=starts,
    )  # fmt: skip
    actor = bk.Actor(type="agent", id=5)
    await broker.start()
    try:
        await _produce(kafka_bootstrap, territory, key=territory_id)
        referent = dr.ReferentAssignationCreated(id=territory_id, user_id=7, agent_id=5)
        await _produce(kafka_bootstrap, referent, key=territory_id)
        await _produce(kafka_bootstrap, bk.RdvCreated(rdv=snapshot, actor=actor), key=rdv_id)
        await _eventually(
            database,
            f"SELECT departement_number, open_on_sundays FROM territories WHERE id = {territory_id}",
            [("67", True)],
        )
        await _eventually(
            database, f"SELECT agent_id FROM rdv_busy WHERE rdv_id = {rdv_id} ORDER BY 1", [(5,), (6,)]
        )
        await _eventually(
            database,
            f"SELECT user_id, agent_id FROM referent_assignations WHERE id = {territory_id}",
            [(7, 5)],
        )

        cancelled = snapshot.model_copy(update={"status": bk.RdvStatus.REVOKED, "version": 2})
        payload = bk.RdvCancelled(rdv=cancelled, actor=actor, previous_status="unknown")
        await _produce(kafka_bootstrap, payload, payload, key=rdv_id)  # a duplicate has no second effect
        await _eventually(database, f"SELECT agent_id FROM rdv_busy WHERE rdv_id = {rdv_id}", [])
        stale = bk.RdvUpdated(rdv=snapshot, actor=actor, previous=snapshot)  # version 1 again: ignored
        await _produce(kafka_bootstrap, stale, key=rdv_id)

        tombstone = OutgoingRecord.tombstone("directory.territory", str(territory_id), "directory", None)
        await produce_raw(
            kafka_bootstrap, tombstone.topic, [(tombstone.key.encode(), None, tombstone.kafka_headers())]
        )
        await _eventually(database, f"SELECT id FROM territories WHERE id = {territory_id}", [])
        await _eventually(database, f"SELECT status, version FROM rdvs WHERE id = {rdv_id}", [("revoked", 2)])
    finally:
        await broker.stop()
        await database.engine.dispose()
