"""Event path benchmark: "commit in service A -> handler done in service B", through the real broker.

Service A commits an event with `SqlUnitOfWork` (outbox row + NOTIFY); A's `OutboxRelay`, woken by
LISTEN/NOTIFY, publishes it to Kafka; B's FastStream subscriber hands it to `InboxProcessor` (inbox row
and effect in B's own database, one transaction). Both ends are timed with `time.perf_counter()` in
this process: right after A's commit, and right after `InboxProcessor.process` returns (after B's commit).

Usage: bench/event_path.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import logging
import math
import os
import platform
import re
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from rdv_chassis.db.engine import create_engine, create_session_factory
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker, subscribe
from rdv_chassis.messaging.inbox import InboxProcessor, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from rdv_chassis.testing.kafka import create_topic
from rdv_chassis.testing.mini_service import MiniService, mini_service, sample_event
from sqlalchemy import text

WARMUP_EVENTS = 200
LATENCY_EVENTS = 1_000
LATENCY_RATE = 200  # events per second, one transaction each
THROUGHPUT_EVENTS = 10_000
THROUGHPUT_WRITERS = 10
AGGREGATE_KEYS = 50
PARTITIONS = 3
TARGET_P50_MS = 20.0
TARGET_P99_MS = 100.0
TARGET_EVENTS_PER_SECOND = 500.0

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("bench.event_path")


class TimedInboxProcessor(InboxProcessor):
    """Notes when each event's transaction in B committed: `process` returns after the commit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handled: dict[str, float] = {}
        self.outcomes: Counter[Outcome] = Counter()

    async def process(self, record: IncomingRecord) -> Outcome:
        outcome = await super().process(record)
        if outcome is Outcome.PROCESSED:
            self.handled[record.header("event_id") or ""] = time.perf_counter()
        self.outcomes[outcome] += 1
        return outcome


class Writer:
    """Service A's request side: one transaction per event, with its own pool like an API process."""

    def __init__(self, service: MiniService, pool_size: int) -> None:
        self.engine = create_engine(service.url, pool_size=pool_size)
        self._sessions = create_session_factory(engine=self.engine)
        self._service = service
        self.committed: dict[str, float] = {}

    async def commit_event(self, n: int) -> None:
        event = sample_event(f"agg-{n % AGGREGATE_KEYS}", n)
        uow = SqlUnitOfWork(self._sessions, self._service.outbox, "bench", lambda _: self._service.topic)
        async with uow:
            uow.publish(event)
            await uow.commit()
            self.committed[str(event.event_id)] = time.perf_counter()

    async def paced(self, first: int, count: int, rate: float) -> None:
        """Starts one commit every 1/rate seconds, whatever the previous ones are doing."""
        start = time.perf_counter()
        tasks = []
        for i in range(count):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self.commit_event(first + i)))
        await asyncio.gather(*tasks)

    async def flood(self, first: int, count: int, writers: int) -> None:
        async def one_writer(offset: int) -> None:
            for n in range(first + offset, first + count, writers):
                await self.commit_event(n)

        await asyncio.gather(*(one_writer(offset) for offset in range(writers)))


async def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                await asyncio.sleep(0.01)
    except TimeoutError:
        raise TimeoutError(f"{what}: not done after {timeout:.0f} s") from None


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def latency_ms(committed: dict[str, float], handled: dict[str, float], ids: list[str]) -> dict[str, float]:
    values = sorted((handled[i] - committed[i]) * 1000 for i in ids)
    return {
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "p99": round(percentile(values, 99), 2),
        "max": round(values[-1], 2),
    }


async def create_database(pg: str, name: str) -> str:
    admin = await asyncpg.connect(f"{pg}/postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"


async def drop_databases(pg: str, names: list[str]) -> None:
    admin = await asyncpg.connect(f"{pg}/postgres")
    try:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def server_facts(pg: str) -> dict[str, str]:
    conn = await asyncpg.connect(f"{pg}/postgres")
    try:
        return {
            name: await conn.fetchval(f"SHOW {name}")
            for name in ("server_version", "fsync", "synchronous_commit")
        }
    finally:
        await conn.close()


def machine_facts(postgres: dict[str, str]) -> dict[str, Any]:
    pom = (ROOT / "deploy/kafka/pom.xml").read_text()
    kafka = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "kafka": kafka.group(1) if kafka else "unknown",
        "postgresql": postgres["server_version"],
        "postgresql_durability": f"fsync={postgres['fsync']}, synchronous_commit={postgres['synchronous_commit']}",
        **{name: importlib.metadata.version(name) for name in ("aiokafka", "faststream", "asyncpg")},
    }


async def run(pg: str, kafka: str) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:10]
    topic = f"bench_event_path_{suffix}"
    databases = [f"bench_a_{suffix}", f"bench_b_{suffix}"]
    await create_topic(kafka, topic, PARTITIONS)
    async with contextlib.AsyncExitStack() as cleanup:
        cleanup.push_async_callback(drop_databases, pg, databases)
        service_a = await mini_service(await create_database(pg, databases[0]), topic)
        cleanup.push_async_callback(service_a.dispose)
        service_b = await mini_service(await create_database(pg, databases[1]), topic)
        cleanup.push_async_callback(service_b.dispose)
        writer = Writer(service_a, pool_size=THROUGHPUT_WRITERS)
        cleanup.push_async_callback(writer.engine.dispose)

        broker = new_broker(kafka, "bench-b-worker")
        processor = TimedInboxProcessor(
            f"bench-b-{suffix}",
            service_b.sessions,
            service_b.inbox,
            {"test.happened": service_b.record_effect},
            BrokerDeadLetters(broker),
        )
        subscribe(broker, processor, [topic])
        await broker.start()
        cleanup.push_async_callback(broker.stop)

        relay = OutboxRelay(service_a.engine, KafkaSender(kafka, "bench-a-relay", 10.0), poll_interval=1.0)
        relay_task = asyncio.create_task(relay.run(service_a.url))

        async def stop_relay() -> None:
            relay.stop()
            await asyncio.wait_for(relay_task, timeout=20)

        cleanup.push_async_callback(stop_relay)

        def handled(total: int) -> Callable[[], bool]:
            return lambda: len(processor.handled) >= total

        # Warm-up: consumer group join, producer metadata, connection pools, code paths.
        await writer.paced(0, WARMUP_EVENTS, LATENCY_RATE)
        await wait_for(handled(WARMUP_EVENTS), 60, "warm-up")

        first = WARMUP_EVENTS
        started = time.perf_counter()
        await writer.paced(first, LATENCY_EVENTS, LATENCY_RATE)
        achieved_rate = LATENCY_EVENTS / (time.perf_counter() - started)
        await wait_for(handled(first + LATENCY_EVENTS), 30, "latency phase")
        paced_ids = list(writer.committed)[first:]

        first += LATENCY_EVENTS
        await writer.flood(first, THROUGHPUT_EVENTS, THROUGHPUT_WRITERS)
        await wait_for(handled(first + THROUGHPUT_EVENTS), 90, "throughput phase")
        flood_ids = list(writer.committed)[first:]
        flood_commits = [writer.committed[i] for i in flood_ids]
        commit_span = max(flood_commits) - min(flood_commits)
        end_to_end_span = max(processor.handled[i] for i in flood_ids) - min(flood_commits)

        effects = await service_b.effect_ids()
        async with service_a.engine.connect() as conn:
            unsent = (await conn.execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))).scalar()

    total = WARMUP_EVENTS + LATENCY_EVENTS + THROUGHPUT_EVENTS
    return {
        "setup": {
            "topic_partitions": PARTITIONS,
            "aggregate_keys": AGGREGATE_KEYS,
            "relay_poll_interval_s": 1.0,
            "relay_batch_size": 200,
            "warmup_events": WARMUP_EVENTS,
        },
        "latency_phase": {
            "events": LATENCY_EVENTS,
            "target_rate_per_s": LATENCY_RATE,
            "achieved_rate_per_s": round(achieved_rate, 1),
            "latency_ms": latency_ms(writer.committed, processor.handled, paced_ids),
        },
        "throughput_phase": {
            "events": THROUGHPUT_EVENTS,
            "writers": THROUGHPUT_WRITERS,
            "commits_per_s": round(THROUGHPUT_EVENTS / commit_span, 1),
            "end_to_end_events_per_s": round(THROUGHPUT_EVENTS / end_to_end_span, 1),
            "end_to_end_seconds": round(end_to_end_span, 2),
            "latency_ms": latency_ms(writer.committed, processor.handled, flood_ids),
        },
        "delivery": {
            "committed": total,
            "effects_in_b": len(effects),
            "distinct_effects_in_b": len(set(effects)),
            "unsent_in_a_outbox": unsent,
            "outcomes": {str(outcome): count for outcome, count in processor.outcomes.items()},
        },
    }


def judge(figures: dict[str, Any]) -> list[dict[str, Any]]:
    paced = figures["latency_phase"]["latency_ms"]
    rate = figures["throughput_phase"]["end_to_end_events_per_s"]
    delivery = figures["delivery"]
    return [
        {"target": "p50 latency < 20 ms (paced)", "value": paced["p50"], "pass": paced["p50"] < TARGET_P50_MS},
        {"target": "p99 latency < 100 ms (paced)", "value": paced["p99"], "pass": paced["p99"] < TARGET_P99_MS},
        {
            "target": ">= 500 events/s end to end",
            "value": rate,
            "pass": rate >= TARGET_EVENTS_PER_SECOND,
        },
        {
            "target": "every event handled exactly once",
            "value": delivery["distinct_effects_in_b"],
            "pass": delivery["effects_in_b"] == delivery["distinct_effects_in_b"] == delivery["committed"],
        },
    ]


def markdown(report: dict[str, Any]) -> str:
    paced, flood = report["latency_phase"], report["throughput_phase"]
    machine = report["machine"]
    pl, fl = paced["latency_ms"], flood["latency_ms"]
    rows = [
        ("Latency, p50 (paced)", f"{pl['p50']} ms", "< 20 ms"),
        ("Latency, p95 (paced)", f"{pl['p95']} ms", ""),
        ("Latency, p99 (paced)", f"{pl['p99']} ms", "< 100 ms"),
        ("Latency, max (paced)", f"{pl['max']} ms", ""),
        ("Sustained throughput, end to end", f"{flood['end_to_end_events_per_s']:.0f} events/s", ">= 500/s"),
        ("Commit rate in A alone", f"{flood['commits_per_s']:.0f} commits/s", ""),
        ("Latency under load, p50 / p99", f"{fl['p50']} / {fl['p99']} ms", ""),
    ]
    verdicts = {row["target"]: row["pass"] for row in report["targets"]}
    lines = [
        "# Event path: commit in service A → handler done in service B",
        "",
        f"{report['date']} · {machine['nproc']} cores, {machine['memory_gb']} GB · Python {machine['python']}"
        f" · Kafka {machine['kafka']} (1 broker, {report['setup']['topic_partitions']} partitions)"
        f" · PostgreSQL {machine['postgresql']} ({machine['postgresql_durability']})",
        "",
        f"Paced: {paced['events']} events at {paced['target_rate_per_s']}/s, one transaction each."
        f" Load: {flood['writers']} writers commit {flood['events']:,} events as fast as they can.",
        "",
        "| Figure | Measured | Target |",
        "|---|---|---|",
        *(f"| {name} | {value} | {target} |" for name, value, target in rows),
        "",
        "Targets: "
        + ", ".join(f"{name}: {'pass' if ok else 'FAIL'}" for name, ok in verdicts.items()),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True, help="postgresql://user@host:port (no database)")
    parser.add_argument("--kafka", required=True, help="bootstrap servers, host:port")
    parser.add_argument("--out", required=True, type=Path, help="directory for event_path.json and .md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    pg = args.pg.rstrip("/")

    date = datetime.now(UTC).isoformat(timespec="seconds")
    figures = asyncio.run(run(pg, args.kafka))
    report = {
        "benchmark": "event_path",
        "date": date,
        "machine": machine_facts(asyncio.run(server_facts(pg))),
        **figures,
    }
    report["targets"] = judge(figures)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "event_path.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "event_path.md").write_text(markdown(report))
    sys.stdout.write(markdown(report))
    return 0 if all(row["pass"] for row in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
