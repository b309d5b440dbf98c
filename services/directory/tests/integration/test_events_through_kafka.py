"""The directory's two ends on the real broker: entity states leave through the outbox relay onto their
compacted topics, booking's RDV events arrive through the worker's subscription."""

import asyncio
import json

from directory.entrypoints.subscriptions import rdv_facts_subscription
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import produce_raw, read_topic
from rdv_contracts import directory as dr
from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import text

from .conftest import Directory
from .test_entity_events_and_rules import new_motif, new_user, rdv_created_event


async def test_a_motif_reaches_its_compacted_topic_as_full_states_then_deletion_and_tombstone(
    world: Directory, kafka_bootstrap: str
):
    await ensure_topics(kafka_bootstrap)
    motif_id = await new_motif(world, "Consultation prénatale")
    admin = world.as_("admin")
    changed = await world.client.patch(f"/api/v1/motifs/{motif_id}", json={"color": "#00ff00"}, headers=admin)
    state_after_change = changed.json()["motif"]
    assert (await world.client.delete(f"/api/v1/motifs/{motif_id}", headers=admin)).status_code == 204
    ours = {str(row["event_id"]) for row in await world.outbox() if row["topic"] == "directory.motif"}

    await OutboxRelay(world.database.engine, KafkaSender(kafka_bootstrap, "directory-test-relay", 10)).drain()
    records = [
        r
        for r in await read_topic(kafka_bootstrap, "directory.motif")
        if dict(r.headers)["event_id"].decode() in ours and r.key == str(motif_id).encode()
    ]

    kinds = [dict(r.headers)["event_type"].decode() for r in records]
    assert kinds == ["motif.created", "motif.updated", "motif.deleted", "tombstone"]
    created, updated, deleted, tombstone = records
    assert dr.Motif.model_validate(EventEnvelope.from_wire(updated.value).payload) == dr.Motif.model_validate(
        state_after_change
    )
    assert EventEnvelope.from_wire(created.value).payload["name"] == "Consultation prénatale"
    assert EventEnvelope.from_wire(deleted.value).payload["id"] == motif_id
    assert tombstone.value is None
    assert len({r.partition for r in records}) == 1, "one key, one partition: the order is kept"


async def test_an_rdv_from_booking_arrives_through_the_worker_and_protects_its_usager(
    world: Directory, kafka_bootstrap: str
):
    await ensure_topics(kafka_bootstrap)
    user_id = await new_user(world)
    event = rdv_created_event(world, await new_motif(world), world.ids["basic"], user_id)
    broker = new_broker(kafka_bootstrap, "directory-test-worker")
    rdv_facts_subscription(broker, BrokerDeadLetters(broker), world.database)
    await broker.start()
    try:
        await produce_raw(
            kafka_bootstrap,
            "booking.rdv",
            [(event.aggregate_id.encode(), event.to_wire(), [("event_id", str(event.event_id).encode())])],
        )
        async with asyncio.timeout(30):
            while not await _known_rdv(world, int(event.aggregate_id)):
                await asyncio.sleep(0.2)
    finally:
        await broker.stop()
    url = f"/api/v1/user_profiles?user_id={user_id}&organisation_id={world.ids['org_a']}"
    refused = await world.client.delete(url, headers=world.as_("basic"))
    assert refused.status_code == 409 and "RDV" in json.dumps(refused.json())


async def _known_rdv(world: Directory, rdv_id: int) -> bool:
    async with world.database.engine.connect() as conn:
        query = text("SELECT count(*) FROM rdv_facts WHERE rdv_id = :id")
        return bool((await conn.execute(query, {"id": rdv_id})).scalar_one())
