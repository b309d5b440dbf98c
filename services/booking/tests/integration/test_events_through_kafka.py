"""Booking's two ends on the real broker: RDV events leave through the outbox relay, directory
events arrive through the worker's subscription into the local copies."""

import asyncio

from booking.adapters.directory_copies import SqlDirectoryCopies
from booking.entrypoints.subscribers import directory_copies
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import produce_raw, read_topic
from rdv_contracts import directory as dr
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from .conftest import AGENT, LIEU, MOTIF, ORG, USER, Booking, slot


async def test_an_rdv_event_reaches_its_topic_keyed_by_the_rdv(booking: Booking, kafka_bootstrap: str):
    await ensure_topics(kafka_bootstrap)
    body = {"motif_id": MOTIF, "starts_at": slot(), "agent_ids": [AGENT], "user_ids": [USER], "lieu_id": LIEU}
    created = await booking.client.post(
        f"/api/v1/organisations/{ORG}/rdvs", json=body, headers=booking.agent_headers()
    )
    [event] = await booking.outbox_events()

    relay = OutboxRelay(booking.database.engine, KafkaSender(kafka_bootstrap, "booking-test-relay", 10))
    await relay.drain()
    records = await read_topic(kafka_bootstrap, "booking.rdv")

    mine = [r for r in records if r.value and EventEnvelope.from_wire(r.value).event_id == event.event_id]
    assert len(mine) == 1
    assert mine[0].key == str(created.json()["rdv"]["id"]).encode()
    assert EventEnvelope.from_wire(mine[0].value).payload["rdv"]["uuid"] == created.json()["rdv"]["uuid"]


async def test_a_directory_motif_event_on_kafka_updates_the_local_copy(
    booking: Booking, kafka_bootstrap: str
):
    await ensure_topics(kafka_bootstrap)
    motif = dr.MotifUpdated(id=MOTIF, organisation_id=ORG, service_id=10, name="Accueil renommé")
    event = envelope(motif, aggregate_id=MOTIF, organisation_id=ORG)
    broker = new_broker(kafka_bootstrap, "booking-test-worker")
    directory_copies(broker, BrokerDeadLetters(broker), booking.database)
    await broker.start()
    try:
        await produce_raw(
            kafka_bootstrap,
            "directory.motif",
            [(str(MOTIF).encode(), event.to_wire(), [("event_id", str(event.event_id).encode())])],
        )
        async with asyncio.timeout(30):
            while True:
                async with booking.database.sessions() as session:
                    copy = await SqlDirectoryCopies(session).motif(MOTIF)
                if copy is not None and copy.name == "Accueil renommé":
                    break
                await asyncio.sleep(0.2)
    finally:
        await broker.stop()
