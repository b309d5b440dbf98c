"""Event path benchmark: "commit in service A -> handler done in service B", through the real broker.

Service A commits an event with `SqlUnitOfWork` (outbox row + NOTIFY); A's `OutboxRelay`, woken by
LISTEN/NOTIFY, publishes it to Kafka; B's FastStream subscriber hands it to `InboxProcessor` (inbox row
and effect in B's own database, one transaction). As in production, A's writers, A's relay and B's
subscriber are three processes. Every step is timed with `time.perf_counter()` (CLOCK_MONOTONIC, one
clock for every process of the machine): after A's commit, after Kafka acknowledged the relay's send,
when B's processor starts on the record, and after `InboxProcessor.process` returns (B's transaction is
committed). The relay and the subscriber keep their timings in memory and hand them to the writers'
process when they stop; meanwhile the writers' process follows progress by counting B's effects.

Usage: bench/event_path.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import logging
import math
import multiprocessing
import os
import platform
import re
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from rdv_chassis.db.engine import create_engine, create_session_factory
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker, subscribe
from rdv_chassis.messaging.inbox import InboxProcessor, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.kafka_sender import KafkaSender, SendResult
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from rdv_chassis.testing.kafka import create_topic
from rdv_chassis.testing.mini_service import MiniService, mini_service, sample_event
from sqlalchemy import text

WARMUP_EVENTS = 3_000  # also warms the fresh broker's JIT up
LATENCY_EVENTS = 1_000
LATENCY_RATE = 200  # events per second, one transaction each
THROUGHPUT_EVENTS = 10_000
THROUGHPUT_WRITERS = 10
AGGREGATE_KEYS = 50
PARTITIONS = 3
RELAY_POLL_INTERVAL = 1.0
TARGET_P50_MS = 20.0
TARGET_P99_MS = 100.0
TARGET_EVENTS_PER_SECOND = 500.0
# Each wait is bounded, so a slow or broken path ends the run with what was measured.
WARMUP_TIMEOUT = 60.0
LATENCY_DRAIN_TIMEOUT = 20.0
THROUGHPUT_WRITE_TIMEOUT = 60.0  # writers stop starting new transactions after this
THROUGHPUT_DRAIN_TIMEOUT = 60.0

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("aiokafka", "faststream", "asyncpg", "sqlalchemy")


class Clock:
    """When each event (by event_id) passed each step, filled from every process's reports."""

    def __init__(self) -> None:
        self.committed: dict[str, float] = {}
        self.published: dict[str, float] = {}
        self.received: dict[str, float] = {}
        self.handled: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}
        self.outcomes: Counter[str] = Counter()

    def take(self, report: tuple[Any, ...]) -> None:
        kind = report[0]
        if kind == "published":
            for event_id, at in report[1]:
                self.published.setdefault(event_id, at)
        elif kind == "handled":
            for event_id, started, handled in report[1]:
                self.received[event_id] = started
                self.handled[event_id] = handled
        elif kind == "outcomes":
            self.outcomes.update(report[1])
        elif kind == "cpu":
            self.cpu_seconds[report[1]] = report[2]


class TimedKafkaSender(KafkaSender):
    def __init__(self, reports: list[tuple[str, float]], *args: Any) -> None:
        super().__init__(*args)
        self._reports = reports

    async def send(self, batch: Sequence[tuple[int, OutgoingRecord]]) -> SendResult:
        result = await super().send(batch)
        now = time.perf_counter()
        sent = set(result.sent)
        self._reports.extend((str(record.event_id), now) for position, record in batch if position in sent)
        return result


class TimedInboxProcessor(InboxProcessor):
    """`process_batch` returns after B's transaction committed (or after retries, DLQ, duplicates)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.timings: list[tuple[str, float, float]] = []
        self.outcomes: Counter[str] = Counter()

    async def process_batch(self, records: Sequence[IncomingRecord]) -> list[Outcome]:
        started = time.perf_counter()
        outcomes = await super().process_batch(records)
        handled = time.perf_counter()
        self.timings.extend(
            (record.header("event_id") or "", started, handled)
            for record, outcome in zip(records, outcomes, strict=True)
            if outcome is Outcome.PROCESSED
        )
        self.outcomes.update(str(outcome) for outcome in outcomes)
        return outcomes


async def wait_until(stop: Any) -> None:
    while not stop.is_set():
        await asyncio.sleep(0.05)


async def relay_main(url: str, kafka: str, reports: Any, ready: Any, stop: Any) -> None:
    engine = create_engine(url, pool_size=2)
    published: list[tuple[str, float]] = []
    relay = OutboxRelay(
        engine, TimedKafkaSender(published, kafka, "bench-a-relay", 10.0), poll_interval=RELAY_POLL_INTERVAL
    )
    relay_task = asyncio.create_task(relay.run(url))
    ready.set()
    await wait_until(stop)
    relay.stop()
    await asyncio.wait_for(relay_task, timeout=20)
    await engine.dispose()
    reports.put(("published", published))


async def subscriber_main(
    url: str, kafka: str, topic: str, group: str, reports: Any, ready: Any, stop: Any
) -> None:
    service_b = await mini_service(url, topic)
    broker = new_broker(kafka, "bench-b-worker")
    processor = TimedInboxProcessor(
        group,
        service_b.sessions,
        service_b.inbox,
        {"test.happened": service_b.record_effect},
        BrokerDeadLetters(broker),
    )
    subscribe(broker, processor, [topic])
    await broker.start()
    ready.set()
    await wait_until(stop)
    await broker.stop()
    await service_b.dispose()
    reports.put(("handled", processor.timings))
    reports.put(("outcomes", dict(processor.outcomes)))


def child_process(name: str, main: Any, *args: Any) -> None:
    """Entry point of the relay's and the subscriber's processes (spawned). Timings stay in the
    process until it stops: no thread or pipe traffic competes with the path being measured."""
    logging.basicConfig(level=logging.WARNING, format=f"{name}: %(levelname)s %(name)s: %(message)s")
    quiet_faststream_access_log()
    reports = args[-3]
    try:
        asyncio.run(main(*args))
        reports.put(("cpu", name, time.process_time()))
    finally:
        reports.put(("done", name))


class Children:
    """The relay's and the subscriber's processes."""

    def __init__(self, clock: Clock) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._reports = self._context.Queue()
        self._stop = self._context.Event()
        self._processes: list[Any] = []
        self._clock = clock

    def start(self, name: str, main: Any, *args: Any) -> None:
        ready = self._context.Event()
        process = self._context.Process(
            target=child_process, args=(name, main, *args, self._reports, ready, self._stop), name=name
        )
        process.start()
        self._processes.append(process)
        if not ready.wait(60):
            raise RuntimeError(f"{name}: not ready after 60 s")

    async def stop(self) -> None:
        """Stops the children and files their timings (read before joining: a child does not
        exit before its queue's data is flushed to the pipe)."""
        if self._stop.is_set():
            return
        self._stop.set()
        running = {process.name for process in self._processes}
        deadline = time.monotonic() + 60
        while running and time.monotonic() < deadline:
            report = await asyncio.to_thread(self._reports.get, True, max(0.1, deadline - time.monotonic()))
            if report[0] == "done":
                running.discard(report[1])
            else:
                self._clock.take(report)
        for process in self._processes:
            await asyncio.to_thread(process.join, 10)
            if process.is_alive():
                process.kill()


class Writer:
    """Service A's request side: one transaction per event, with its own pool like an API process."""

    def __init__(self, service: MiniService, clock: Clock, pool_size: int) -> None:
        self.engine = create_engine(service.url, pool_size=pool_size)
        self._sessions = create_session_factory(self.engine)
        self._service = service
        self._clock = clock

    async def commit_event(self, n: int) -> str:
        event = sample_event(f"agg-{n % AGGREGATE_KEYS}", n)
        uow = SqlUnitOfWork(self._sessions, self._service.outbox, "bench", lambda _: self._service.topic)
        async with uow:
            uow.publish(event)
            await uow.commit()
            self._clock.committed[str(event.event_id)] = time.perf_counter()
        return str(event.event_id)

    async def paced(self, first: int, count: int, rate: float) -> list[str]:
        """Starts one commit every 1/rate seconds, whatever the previous ones are doing."""
        start = time.perf_counter()
        tasks = []
        for i in range(count):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self.commit_event(first + i)))
        return list(await asyncio.gather(*tasks))

    async def flood(self, first: int, count: int, writers: int, timeout: float) -> list[str]:
        deadline = time.perf_counter() + timeout

        async def one_writer(offset: int) -> list[str]:
            ids = []
            for n in range(first + offset, first + count, writers):
                if time.perf_counter() > deadline:
                    break
                ids.append(await self.commit_event(n))
            return ids

        batches = await asyncio.gather(*(one_writer(offset) for offset in range(writers)))
        return [event_id for batch in batches for event_id in batch]


async def wait_handled(service_b: MiniService, count: int, timeout: float) -> bool:
    """True when B holds the effects of `count` distinct events within `timeout` seconds."""
    query = text(f"SELECT count(DISTINCT event_id) FROM {service_b.effects.name}")
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout), service_b.engine.connect() as conn:
            while (await conn.execute(query)).scalar_one() < count:
                await asyncio.sleep(0.05)
            return True
    return False


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def spans_ms(start: dict[str, float], end: dict[str, float], ids: list[str]) -> list[float]:
    return sorted((end[i] - start[i]) * 1000 for i in ids if i in start and i in end)


def summary_ms(values: list[float], points: Sequence[int] = (50, 95, 99)) -> dict[str, float]:
    if not values:
        return {}
    figures = {f"p{p}": round(percentile(values, p), 2) for p in points}
    return figures | {"max": round(values[-1], 2)}


def phase_figures(clock: Clock, ids: list[str]) -> dict[str, Any]:
    handled = [i for i in ids if i in clock.handled]
    return {
        "events": len(ids),
        "handled": len(handled),
        "latency_ms": summary_ms(spans_ms(clock.committed, clock.handled, handled)),
        "steps_ms": {
            "commit_to_kafka_ack": summary_ms(spans_ms(clock.committed, clock.published, handled), (50, 99)),
            "kafka_ack_to_handler_start": summary_ms(
                spans_ms(clock.published, clock.received, handled), (50, 99)
            ),
            "handler_start_to_b_commit": summary_ms(
                spans_ms(clock.received, clock.handled, handled), (50, 99)
            ),
        },
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


async def postgres_facts(pg: str) -> dict[str, str]:
    conn = await asyncpg.connect(f"{pg}/postgres")
    try:
        names = ("server_version", "fsync", "synchronous_commit")
        return {name: await conn.fetchval(f"SHOW {name}") for name in names}
    finally:
        await conn.close()


def machine_facts(postgres: dict[str, str]) -> dict[str, Any]:
    kafka = re.search(r"<kafka.version>([^<]+)</kafka.version>", (ROOT / "deploy/kafka/pom.xml").read_text())
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_1m_at_start": round(os.getloadavg()[0], 2),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "kafka": kafka.group(1) if kafka else "unknown",
        "postgresql": postgres["server_version"],
        "postgresql_durability": ", ".join(
            f"{name}={postgres[name]}" for name in ("fsync", "synchronous_commit")
        ),
        **{name: importlib.metadata.version(name) for name in LIBRARIES},
    }


async def measure(pg: str, kafka: str) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:10]
    topic = f"bench_event_path_{suffix}"
    databases = [f"bench_a_{suffix}", f"bench_b_{suffix}"]
    clock = Clock()
    await create_topic(kafka, topic, PARTITIONS)
    async with contextlib.AsyncExitStack() as cleanup:
        cleanup.push_async_callback(drop_databases, pg, databases)
        service_a = await mini_service(await create_database(pg, databases[0]), topic)
        cleanup.push_async_callback(service_a.dispose)
        service_b = await mini_service(await create_database(pg, databases[1]), topic)
        cleanup.push_async_callback(service_b.dispose)
        writer = Writer(service_a, clock, pool_size=THROUGHPUT_WRITERS)
        cleanup.push_async_callback(writer.engine.dispose)

        children = Children(clock)
        cleanup.push_async_callback(children.stop)
        children.start("subscriber-b", subscriber_main, service_b.url, kafka, topic, f"bench-b-{suffix}")
        children.start("relay-a", relay_main, service_a.url, kafka)

        # Warm-up: consumer group join, producer metadata, connection pools, code paths.
        warmup = await writer.paced(0, WARMUP_EVENTS, LATENCY_RATE)
        if not await wait_handled(service_b, len(warmup), WARMUP_TIMEOUT):
            raise RuntimeError(f"warm-up: events not handled after {WARMUP_TIMEOUT:.0f} s")

        started = time.perf_counter()
        paced = await writer.paced(WARMUP_EVENTS, LATENCY_EVENTS, LATENCY_RATE)
        achieved_rate = LATENCY_EVENTS / (time.perf_counter() - started)
        paced_complete = await wait_handled(service_b, len(warmup) + len(paced), LATENCY_DRAIN_TIMEOUT)

        flood = await writer.flood(
            WARMUP_EVENTS + LATENCY_EVENTS, THROUGHPUT_EVENTS, THROUGHPUT_WRITERS, THROUGHPUT_WRITE_TIMEOUT
        )
        flood_complete = await wait_handled(service_b, len(clock.committed), THROUGHPUT_DRAIN_TIMEOUT)
        waited_until = time.perf_counter()

        await children.stop()
        first_commit = min(clock.committed[i] for i in flood)
        commit_span = max(clock.committed[i] for i in flood) - first_commit
        handled = [clock.handled[i] for i in flood if i in clock.handled]
        end_to_end_span = (max(handled) if flood_complete else waited_until) - first_commit
        clock.cpu_seconds["writers-a"] = time.process_time()
        effects = await service_b.effect_ids()
        async with service_a.engine.connect() as conn:
            unsent = (await conn.execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))).scalar()

    committed = len(clock.committed)
    return {
        "setup": {
            "topic_partitions": PARTITIONS,
            "aggregate_keys": AGGREGATE_KEYS,
            "relay_poll_interval_s": RELAY_POLL_INTERVAL,
            "warmup_events": WARMUP_EVENTS,
            "process_layout": "three processes: writers (A), relay (A), subscriber (B)",
        },
        "latency_phase": {
            "target_rate_per_s": LATENCY_RATE,
            "achieved_rate_per_s": round(achieved_rate, 1),
            "complete": paced_complete,
            **phase_figures(clock, paced),
        },
        "throughput_phase": {
            "writers": THROUGHPUT_WRITERS,
            "complete": flood_complete and len(flood) == THROUGHPUT_EVENTS,
            "commits_per_s": round(len(flood) / commit_span, 1),
            "end_to_end_events_per_s": round(len(handled) / end_to_end_span, 1),
            "end_to_end_seconds": round(end_to_end_span, 2),
            **phase_figures(clock, flood),
        },
        # Whole run (warm-up included), per process: 1000 / this = the most one core can carry.
        "python_cpu_ms_per_event": {
            name: round(seconds * 1000 / committed, 2) for name, seconds in sorted(clock.cpu_seconds.items())
        },
        "delivery": {
            "committed": committed,
            "effects_in_b": len(effects),
            "duplicate_effects": len(effects) - len(set(effects)),
            "not_handled_in_time": committed - len(set(effects)),
            "unsent_in_a_outbox": unsent,
            "outcomes": dict(clock.outcomes),
        },
    }


def judge(figures: dict[str, Any]) -> list[dict[str, Any]]:
    paced = figures["latency_phase"]["latency_ms"]
    rate = figures["throughput_phase"]["end_to_end_events_per_s"]
    delivery = figures["delivery"]
    missing_or_duplicated = delivery["not_handled_in_time"] + delivery["duplicate_effects"]
    return [
        {
            "target": "p50 latency < 20 ms (paced)",
            "value": paced["p50"],
            "pass": paced["p50"] < TARGET_P50_MS,
        },
        {
            "target": "p99 latency < 100 ms (paced)",
            "value": paced["p99"],
            "pass": paced["p99"] < TARGET_P99_MS,
        },
        {"target": ">= 500 events/s end to end", "value": rate, "pass": rate >= TARGET_EVENTS_PER_SECOND},
        {
            "target": "every event handled once, in time (missing + duplicated)",
            "value": missing_or_duplicated,
            "pass": missing_or_duplicated == 0,
        },
    ]


def markdown(report: dict[str, Any]) -> str:
    machine, paced, flood = report["machine"], report["latency_phase"], report["throughput_phase"]
    pl, fl = paced["latency_ms"], flood["latency_ms"]
    steps = paced["steps_ms"]
    rows = [
        (
            "Latency p50 / p95 / p99 / max (paced)",
            " / ".join(str(pl[p]) for p in ("p50", "p95", "p99", "max")) + " ms",
        ),
        ("… commit → Kafka ack, p50", f"{steps['commit_to_kafka_ack'].get('p50')} ms"),
        ("… Kafka ack → handler start, p50", f"{steps['kafka_ack_to_handler_start'].get('p50')} ms"),
        ("… handler start → B committed, p50", f"{steps['handler_start_to_b_commit'].get('p50')} ms"),
        ("Sustained throughput, end to end", f"{flood['end_to_end_events_per_s']:.0f} events/s"),
        ("Commit rate in A alone (10 writers)", f"{flood['commits_per_s']:.0f} commits/s"),
        (
            "Python CPU per event, per process",
            ", ".join(f"{name} {ms} ms" for name, ms in report["python_cpu_ms_per_event"].items()),
        ),
        ("Latency under load p50 / p99", f"{fl.get('p50')} / {fl.get('p99')} ms"),
    ]
    return "\n".join(
        [
            "# Event path: commit in service A → handler done in service B",
            "",
            f"{report['date']} · {machine['nproc']} cores, {machine['memory_gb']} GB"
            f" (load average {machine['load_average_1m_at_start']} → {machine['load_average_1m_at_end']})"
            f" · Python {machine['python']}"
            f" · Kafka {machine['kafka']}, 1 broker, {report['setup']['topic_partitions']} partitions"
            f" · PostgreSQL {machine['postgresql'].split()[0]} ({machine['postgresql_durability']})",
            "",
            f"Paced: {paced['events']:,} events at {paced['target_rate_per_s']}/s after a warm-up,"
            f" one transaction each. Load: {flood['writers']} writers commit {flood['events']:,} events"
            " as fast as they can; throughput runs from the first commit to the last event handled.",
            "",
            "| Figure | Measured |",
            "|---|---|",
            *(f"| {name} | {value} |" for name, value in rows),
            "",
            "| Target | Measured | Result |",
            "|---|---|---|",
            *(
                f"| {row['target']} | {row['value']} | {'pass' if row['pass'] else '**FAIL**'} |"
                for row in report["targets"]
            ),
            "",
        ]
    )


def quiet_faststream_access_log() -> None:
    """FastStream logs two INFO lines per record on stdout; the benchmark prints only its report.
    A filter (FastStream resets the level when the broker starts) keeps its warnings and errors."""
    logging.getLogger("faststream.access.kafka").addFilter(lambda record: record.levelno >= logging.WARNING)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg", required=True, help="postgresql://user@host:port (no database)")
    parser.add_argument("--kafka", required=True, help="bootstrap servers, host:port")
    parser.add_argument("--out", required=True, type=Path, help="directory for event_path.json and .md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    quiet_faststream_access_log()
    pg = args.pg.rstrip("/")

    report: dict[str, Any] = {
        "benchmark": "event_path",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(asyncio.run(postgres_facts(pg))),
    }
    report |= asyncio.run(measure(pg, args.kafka))
    report["targets"] = judge(report)
    report["machine"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "event_path.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "event_path.md").write_text(markdown(report))
    sys.stdout.write(markdown(report))
    return 0 if all(row["pass"] for row in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
