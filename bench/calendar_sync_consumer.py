"""calendar-sync RDV consumer benchmark: booking.rdv events through the real inbox processor.

A throwaway database gets calendar-sync's migrations and an organisation's copies (territory,
organisation, motif, lieu, agents, usagers and their profiles) through the entities consumer. Then
RDV events (2 created for 1 updated) go through the `calendar-sync.rdvs` inbox processor exactly as
the worker runs it: one transaction per record, inbox row and effects together. Measured: events
per second with one partition (sequential) and with three partitions processed concurrently, the
time per event, and the SQL statements per event (counted on the engine). Two set-ups: a quiet
organisation (no webhook endpoint, no connected calendar) and a busy one (an endpoint subscribed
to `rdv` and an agent with a CalDAV connection), where every event also queues a delivery and a
calendar push.

Kafka is left out on purpose: the figure is the consumer's own cost per event, the part this
service controls (the transport is measured by bench/event_path.py).

Usage: bench/calendar_sync_consumer.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT
       --out bench/results
"""

import argparse
import asyncio
import json
import logging
import os
import platform
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from calendar_sync.bootstrap import build_database
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.entrypoints.subscriptions import consumers
from cryptography.fernet import Fernet
from rdv_chassis.messaging.inbox import InboxProcessor, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope, spec_for
from sqlalchemy import event, text

EVENTS = 1_500
USERS = 50
AGENTS = 5
TARGET_STATEMENTS_PER_EVENT = 5.0
ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_INI = ROOT / "services" / "calendar-sync" / "alembic.ini"


class NoDeadLetters:
    async def dead_letter(self, record: IncomingRecord, reason: str) -> None:
        raise RuntimeError(f"dead-lettered during the benchmark: {reason}")


async def create_database(pg: str) -> str:
    name = f"bench_consumer_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return name


async def drop_database(pg: str, name: str) -> None:
    admin = await asyncpg.connect(f"{pg}/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def record_of(wrapped: EventEnvelope, offset: int) -> IncomingRecord:
    topic = spec_for(wrapped.event_type, wrapped.schema_version).topic.name
    out = OutgoingRecord.from_envelope(wrapped, topic, None)
    return IncomingRecord(topic, 0, offset, out.key.encode(), out.value, tuple(out.kafka_headers()))


def directory_events() -> list[EventEnvelope]:
    def wrap(payload: Any, aggregate_id: int, organisation_id: int | None = 1) -> EventEnvelope:
        return envelope(payload, aggregate_id=aggregate_id, organisation_id=organisation_id)

    states = [
        wrap(dr.TerritoryCreated(id=1, name="Nord", departement_number="59"), 1, None),
        wrap(dr.OrganisationCreated(id=1, territory_id=1, name="MDS Lille"), 1),
        wrap(dr.MotifCreated(id=1, organisation_id=1, service_id=1, name="Consultation PMI"), 1),
        wrap(
            dr.LieuCreated(
                id=1,
                organisation_id=1,
                name="MDS",
                address="1 rue X, 59000 Lille",
                latitude=50.6,
                longitude=3.0,
            ),
            1,
        ),
    ]
    for agent in range(1, AGENTS + 1):
        states.append(
            wrap(dr.AgentCreated(id=agent, email=f"a{agent}@example.org", last_name="Agent"), agent, None)
        )
        states.append(wrap(dr.AgentRoleCreated(id=agent, agent_id=agent, organisation_id=1), agent))
    for user in range(1, USERS + 1):
        states.append(
            wrap(dr.UserCreated(id=user, first_name="Camille", last_name=f"Usager{user}"), user, None)
        )
        states.append(wrap(dr.UserProfileCreated(id=user, user_id=user, organisation_id=1), user))
    return states


def rdv_events(start: datetime) -> list[EventEnvelope]:
    """2 created for 1 updated, so that a third of the events find the previous copy."""
    actor = bk.Actor(type=bk.ActorType.AGENT, id=1)
    result: list[EventEnvelope] = []
    created: list[bk.RdvSnapshot] = []
    for n in range(EVENTS):
        if n % 3 == 2:
            previous = created[n // 3]
            moved = previous.model_copy(
                update={"starts_at": previous.starts_at + timedelta(hours=1), "version": 2, "sequence": 1}
            )
            payload: Any = bk.RdvUpdated(rdv=moved, previous=previous, actor=actor, changes=["starts_at"])
        else:
            snapshot = rdv_snapshot(len(created) + 1, start)
            created.append(snapshot)
            payload = bk.RdvCreated(rdv=snapshot, actor=actor)
        result.append(envelope(payload, aggregate_id=payload.rdv.id, organisation_id=1))
    return result


def rdv_snapshot(rdv_id: int, start: datetime) -> bk.RdvSnapshot:
    begins = start + timedelta(hours=rdv_id)
    now = datetime.now(UTC)
    agent = rdv_id % AGENTS + 1
    participation = bk.Participation(
        id=rdv_id,
        user_id=rdv_id % USERS + 1,
        status=bk.RdvStatus.UNKNOWN,
        send_lifecycle_notifications=True,
        send_reminder_notification=True,
        created_by_type=bk.CreatorType.AGENT,
        created_by_id=agent,
    )
    return bk.RdvSnapshot(
        id=rdv_id,
        uuid=uuid.uuid4(),
        organisation_id=1,
        motif_id=1,
        lieu_id=1,
        starts_at=begins,
        ends_at=begins + timedelta(minutes=30),
        duration_in_min=30,
        status=bk.RdvStatus.UNKNOWN,
        agent_ids=[agent],
        participations=[participation],
        users_count=1,
        created_by=bk.CreatorType.AGENT,
        created_by_id=agent,
        sequence=0,
        version=1,
        created_at=now,
        updated_at=now,
    )


async def busy_organisation(database: Any) -> None:
    """An endpoint subscribed to rdv and a CalDAV connection of agent 1, written as the API would."""
    async with database.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO webhook_endpoints (organisation_id, target_url, secret_encrypted, subscriptions)"
                " VALUES (1, 'https://si.example.org/hook', 'x', ARRAY['rdv', 'user'])"
            )
        )
        await conn.execute(
            text(
                "INSERT INTO calendar_connections (agent_id, channel, secrets_encrypted, status)"
                " VALUES (1, 'caldav', 'x', 'active')"
            )
        )


async def run_partitions(
    processor: InboxProcessor, records: list[IncomingRecord], partitions: int
) -> tuple[float, list[float]]:
    """Records of one RDV stay in one partition, in order, as Kafka keys them."""
    lanes: list[list[IncomingRecord]] = [[] for _ in range(partitions)]
    for record in records:
        lanes[int(record.key_text) % partitions].append(record)
    durations: list[float] = []

    async def lane(items: list[IncomingRecord]) -> None:
        for record in items:
            began = time.perf_counter()
            outcome = await processor.process(record)
            durations.append((time.perf_counter() - began) * 1000)
            if outcome is not Outcome.PROCESSED:
                raise RuntimeError(f"unexpected outcome {outcome} at offset {record.offset}")

    began = time.perf_counter()
    await asyncio.gather(*(lane(items) for items in lanes))
    return time.perf_counter() - began, durations


async def scenario(pg: str, *, busy: bool, partitions: int) -> dict[str, Any]:
    name = await create_database(pg)
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
    try:
        await upgrade_head(ALEMBIC_INI, url)
        settings = CalendarSyncSettings(
            environment="test",
            database_url=url,
            encryption_key=Fernet.generate_key().decode(),
            log_json=False,
        )
        database = build_database(settings)
        built = {c.name: c.processor(settings, database, NoDeadLetters()) for c in consumers(settings)}
        for offset, state in enumerate(directory_events()):
            await built["calendar-sync.entities"].process(record_of(state, offset))
        if busy:
            await busy_organisation(database)
        records = [record_of(e, n) for n, e in enumerate(rdv_events(datetime.now(UTC)))]
        statements = 0

        def count(*_: Any) -> None:
            nonlocal statements
            statements += 1

        event.listen(database.engine.sync_engine, "before_cursor_execute", count)
        seconds, durations = await run_partitions(built["calendar-sync.rdvs"], records, partitions)
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
        async with database.engine.connect() as conn:
            deliveries = (await conn.execute(text("SELECT count(*) FROM webhook_deliveries"))).scalar_one()
            pushes = (await conn.execute(text("SELECT count(*) FROM calendar_events"))).scalar_one()
        await database.engine.dispose()
        return {
            "set_up": "busy" if busy else "quiet",
            "partitions": partitions,
            "events": len(records),
            "events_per_second": round(len(records) / seconds, 1),
            "ms_per_event": {
                "p50": round(statistics.median(durations), 2),
                "p95": round(sorted(durations)[int(0.95 * (len(durations) - 1))], 2),
            },
            "statements_per_event": round(statements / len(records), 2),
            "deliveries_queued": deliveries,
            "calendar_pushes_queued": pushes,
        }
    finally:
        await drop_database(pg, name)


async def measure(pg: str) -> list[dict[str, Any]]:
    return [
        await scenario(pg, busy=busy, partitions=partitions)
        for busy in (False, True)
        for partitions in (1, 3)
    ]


def judge(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The round trips per event are what this service controls and what a shared machine cannot
    blur; events per second are reported beside them."""
    most = max(run["statements_per_event"] for run in runs)
    return [
        {
            "target": f"every set-up <= {TARGET_STATEMENTS_PER_EVENT:g} SQL statements per RDV event",
            "measured": most,
            "pass": most <= TARGET_STATEMENTS_PER_EVENT,
        }
    ]


def run_rows(runs: list[dict[str, Any]]) -> list[str]:
    return [
        f"| {r['set_up']} | {r['partitions']} | {r['events_per_second']} | {r['ms_per_event']['p50']} | "
        f"{r['ms_per_event']['p95']} | {r['statements_per_event']} | {r['deliveries_queued']} | "
        f"{r['calendar_pushes_queued']} |"
        for r in runs
    ]


def markdown(report: dict[str, Any]) -> str:
    header = [
        "| set-up | partitions | events/s | ms/event p50 | p95 | SQL statements/event | deliveries "
        "| pushes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    before = report.get("before")
    earlier = []
    if before:
        title = f"Before ({before['date']}, load average {before.get('load_average', '?')}):"
        earlier = ["", title, "", *header, *run_rows(before["runs"])]
    lines = [
        "# calendar-sync RDV consumer",
        "",
        f"{report['date']} · {report['machine']}",
        "",
        f"{EVENTS} booking.rdv events (2 created : 1 updated) through the `calendar-sync.rdvs` inbox "
        "processor, one transaction each; quiet = no endpoint and no connected calendar, busy = an "
        "endpoint subscribed to rdv and a CalDAV connection.",
        "",
        f"Load average at the start: {report.get('load_average', '?')} (a shared 2-core machine).",
        "",
        *header,
        *run_rows(report["runs"]),
        *earlier,
        "",
        "| target | measured | pass |",
        "|---|---|---|",
        *(f"| {t['target']} | {t['measured']} | {'yes' if t['pass'] else 'NO'} |" for t in report["targets"]),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg", required=True, help="postgresql://user@host:port (no database)")
    parser.add_argument("--kafka", required=True, help="bootstrap servers, host:port (unused here)")
    parser.add_argument(
        "--out", required=True, type=Path, help="directory for calendar_sync_consumer.json/.md"
    )
    parser.add_argument("--name", default="calendar_sync_consumer", help="result file name")
    parser.add_argument("--before", type=Path, help="a previous report (JSON) to show beside this one")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    report: dict[str, Any] = {
        "benchmark": "calendar_sync_consumer",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0],
    }
    report["runs"] = asyncio.run(measure(args.pg.rstrip("/")))
    report["targets"] = judge(report["runs"])
    if args.before:
        report["before"] = json.loads(args.before.read_text())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / f"{args.name}.md").write_text(markdown(report))
    sys.stdout.write(markdown(report))
    return 0 if all(row["pass"] for row in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
