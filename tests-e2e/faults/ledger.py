"""The checker: what was acknowledged (201s) against the database, the topic and the effects (mails)."""

import asyncio
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from booking_load import Attempt

DATABASES = ("directory", "availability", "booking", "notifications", "calendar_sync")


Receptions = dict[str, list[datetime]]
"""When each distinct message (by Message-ID) reached the mailbox: one entry per transmission."""


@dataclass(frozen=True)
class Effects:
    beneficiary_mails: dict[str, Receptions]
    agent_invitations: dict[str, Receptions]
    """Agents' "Nouveau RDV" mails by RDV uuid (from their ICS attachment's name)."""

    def copies(self, attempt: Attempt) -> tuple[Receptions, Receptions]:
        return self.beneficiary_mails.get(attempt.beneficiary, {}), self.agent_invitations.get(
            attempt.uuid or "", {}
        )

    def lost(self, booked: list[Attempt]) -> list[str]:
        return [a.tag for a in booked if not all(self.copies(a))]

    def duplicated(self, booked: list[Attempt]) -> dict[str, datetime]:
        """Bookings whose recipient got two different messages for one mail, with when the first came."""
        return {
            a.tag: min(min(received) for received in messages.values())
            for a in booked
            for messages in self.copies(a)
            if len(messages) > 1
        }

    def retransmitted(self, booked: list[Attempt]) -> dict[str, datetime]:
        """Bookings with a message transmitted again under its Message-ID (one message for the
        recipient's mail system), with when the first transmission came."""
        return {
            a.tag: min(received)
            for a in booked
            for messages in self.copies(a)
            for received in messages.values()
            if len(received) > 1
        }


async def read_effects(mailbox: httpx.AsyncClient) -> Effects:
    mails: dict[str, Receptions] = defaultdict(lambda: defaultdict(list))
    invitations: dict[str, Receptions] = defaultdict(lambda: defaultdict(list))
    for message in (await mailbox.get("/messages")).json():
        received = datetime.fromisoformat(message["received_at"])
        message_id = message["headers"]["Message-ID"]
        for to in message["to"]:
            mails[to][message_id].append(received)
        if "Nouveau RDV" in message["subject"]:
            for attachment in message["attachments"]:
                if attachment["filename"].endswith(".ics"):
                    uuid = attachment["filename"].removeprefix("rdv-").removesuffix(".ics")
                    invitations[uuid][message_id].append(received)
    return Effects(mails, invitations)


async def wait_effects(mailbox: httpx.AsyncClient, booked: list[Attempt], timeout: float) -> Effects:
    """The effects once every booking has its mails (or the timeout), then a pause to see late duplicates."""
    deadline = time.monotonic() + timeout
    effects = await read_effects(mailbox)
    while effects.lost(booked) and time.monotonic() < deadline:
        await asyncio.sleep(1)
        effects = await read_effects(mailbox)
    await asyncio.sleep(3)
    return await read_effects(mailbox)


async def unsent_outbox(pg: str) -> int:
    total = 0
    for database in DATABASES:
        connection = await asyncpg.connect(f"{pg}/{database}")
        try:
            total += await connection.fetchval("select count(*) from outbox where sent_at is null")
        finally:
            await connection.close()
    return total


async def wait_outbox_drained(pg: str, timeout: float) -> float:
    started = time.monotonic()
    while (left := await unsent_outbox(pg)) > 0:
        assert time.monotonic() - started < timeout, f"{left} outbox rows unsent after {timeout} s"
        await asyncio.sleep(0.5)
    return time.monotonic() - started


async def stored_rdv_ids(pg: str, ids: list[int]) -> set[int]:
    connection = await asyncpg.connect(f"{pg}/booking")
    try:
        rows = await connection.fetch("select id from rdvs where id = any($1::bigint[])", ids)
    finally:
        await connection.close()
    return {row["id"] for row in rows}


async def created_on_topic(bootstrap: str, topic: str = "booking.rdv") -> Counter[str]:
    """rdv.created events per aggregate id, read from the start of the topic (duplicates counted)."""
    partitions = await topic_partitions(bootstrap, topic)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        seen: Counter[str] = Counter()
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            batch = await consumer.getmany(timeout_ms=1000, max_records=2000)
            for records in batch.values():
                for record in records:
                    if record.value is not None:
                        event = json.loads(record.value)
                        if event["event_type"] == "rdv.created":
                            seen[event["aggregate_id"]] += 1
        return seen
    finally:
        await consumer.stop()


async def topic_partitions(bootstrap: str, topic: str) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return [TopicPartition(topic, p["partition"]) for p in described["partitions"]]
