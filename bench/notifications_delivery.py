# ruff: noqa: E501  (a results table reads better unwrapped)
"""Notifications: from an `rdv.created` event to the e-mails in an SMTP server's hands.

Real PostgreSQL (migrated notifications database), the service's own inbox processor and handlers,
its delivery dispatcher, a real SMTP server (aiosmtpd, in-process) and the logging SMS gateway.
Kafka is not in the loop (`bench/event_path.py` measures the chassis' Kafka path): events are handed
to the inbox processor the way the subscriber does. Each event records 3 deliveries (usager e-mail,
usager SMS, agent e-mail with ICS). Three figures:

- **ingest**: events handled one after the other (one partition's pace), events/s and p50/p99 ms;
- **send**: the backlog of deliveries drained by the dispatcher (10 concurrent sends), messages/s;
- **event → mail**: one event at a time into a running send loop (poll interval 1 s), time until
  both of its e-mails reached the SMTP server: woken by NOTIFY, then with polling only.

Usage: bench/notifications_delivery.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import json
import logging
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "services/notifications"))

from notifications.adapters.deliveries_repository import DELIVERIES_CHANNEL  # noqa: E402
from notifications.adapters.wakeups import listen  # noqa: E402
from notifications.entrypoints.loops import PollingLoop  # noqa: E402
from notifications.testing import factories as f  # noqa: E402
from rdv_contracts import booking as bk  # noqa: E402
from tests.integration.conftest import FakeBrevo, SmtpServer, free_port, make_world, publish_directory  # noqa: E402

EVENTS, WAKE_SAMPLES, POLL_SAMPLES = 1000, 200, 40
TARGET_INGEST, TARGET_SEND, TARGET_WAKE_P99_MS = 50.0, 50.0, 500.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def fresh_database(pg: str) -> tuple[str, str]:
    name = f"bench_notifications_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return name, f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"


async def drop_database(pg: str, name: str) -> None:
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


def created(d):
    snapshot = f.rdv(d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], lieu_id=d.lieu.id)
    return f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, d.organisation.id)


async def ingest_and_send(world, d) -> dict[str, float]:
    events = [created(d) for _ in range(EVENTS)]
    timings = []
    started = time.perf_counter()
    for event in events:
        t0 = time.perf_counter()
        await world.feed(event)
        timings.append((time.perf_counter() - t0) * 1000)
    ingest_seconds = time.perf_counter() - started
    started = time.perf_counter()
    sent = await world.dispatch()
    send_seconds = time.perf_counter() - started
    return {
        "events": EVENTS,
        "ingest_events_per_s": round(EVENTS / ingest_seconds, 1),
        "ingest_p50_ms": round(statistics.median(timings), 1),
        "ingest_p99_ms": round(percentile(timings, 0.99), 1),
        "messages_sent": sent,
        "send_messages_per_s": round(sent / send_seconds, 1),
    }


async def event_to_mail(world, d, smtp: SmtpServer, samples: int, *, notify: bool) -> dict[str, float]:
    loop = PollingLoop("deliveries", world.services.dispatcher(), interval=1.0)
    listener = (
        await listen(world.services.settings.database_url, DELIVERIES_CHANNEL, loop.wake) if notify else None
    )
    task = asyncio.create_task(loop.run())
    latencies = []
    try:
        await asyncio.sleep(0.2)
        for _ in range(samples):
            expected = len(smtp.messages) + 2
            t0 = time.perf_counter()
            await world.feed(created(d))
            async with asyncio.timeout(10):
                while len(smtp.messages) < expected:
                    await asyncio.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
    finally:
        loop.stop()
        await task
        if listener is not None:
            await listener.close()
    return {
        "samples": samples,
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
    }


async def main(args: argparse.Namespace) -> int:
    logging.disable(logging.WARNING)  # the logging SMS gateway logs every text
    name, url = await fresh_database(args.pg)
    smtp = SmtpServer(free_port())
    smtp.start()
    world, database = await make_world(url, smtp.port, FakeBrevo(port=free_port()))
    load_before = os.getloadavg()
    try:
        d = await publish_directory(world, territory={"sms_provider": None})
        throughput = await ingest_and_send(world, d)
        woken = await event_to_mail(world, d, smtp, WAKE_SAMPLES, notify=True)
        polled = await event_to_mail(world, d, smtp, POLL_SAMPLES, notify=False)
    finally:
        await world.http.aclose()
        await database.engine.dispose()
        smtp.stop()
        await drop_database(args.pg, name)
    targets = {
        f"ingest >= {TARGET_INGEST} events/s": throughput["ingest_events_per_s"] >= TARGET_INGEST,
        f"send >= {TARGET_SEND} messages/s": throughput["send_messages_per_s"] >= TARGET_SEND,
        f"event -> mail p99 < {TARGET_WAKE_P99_MS} ms (NOTIFY)": woken["p99_ms"] < TARGET_WAKE_P99_MS,
    }
    result = {
        "throughput": throughput,
        "event_to_mail_notify": woken,
        "event_to_mail_polling_1s": polled,
        "targets": targets,
        "targets_met": all(targets.values()),
        "load_average_before_after": [load_before, os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "notifications_delivery.json").write_text(json.dumps(result, indent=2) + "\n")
    t, w, p = throughput, woken, polled
    (args.out / "notifications_delivery.md").write_text(
        "# Notifications: rdv.created → e-mails at the SMTP server (real PostgreSQL, aiosmtpd, no Kafka)\n\n"
        "| ingest events/s | ingest p50 / p99 ms | send messages/s | event→mail p50 / p99 ms (NOTIFY) | event→mail p50 / p99 ms (polling 1 s) |\n"
        "|---|---|---|---|---|\n"
        f"| {t['ingest_events_per_s']} | {t['ingest_p50_ms']} / {t['ingest_p99_ms']} | {t['send_messages_per_s']} "
        f"| {w['p50_ms']} / {w['p99_ms']} | {p['p50_ms']} / {p['p99_ms']} |\n\n"
        f"{EVENTS} events, 3 deliveries each; load average {load_before[0]:.2f} → {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs. "
        f"Targets met: {result['targets_met']}.\n"
    )
    print(json.dumps(result, indent=2))
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True, help="unused: Kafka is not in this benchmark's loop")
    parser.add_argument("--out", type=Path, required=True)
    sys.exit(asyncio.run(main(parser.parse_args())))
