# ruff: noqa: E501  (SQL statements and a results table read better unwrapped)
"""Booking throughput: public bookings through booking's ASGI app (real PostgreSQL, the exclusion
constraint, the outbox), with availability's validate call answered by an in-process double,
against the raw rate of inserting the same rows (rdv, participation, busy range) with asyncpg.

The gateway and the real availability service are not in the loop (they need the whole system):
the figures are the booking service's own cost. Usage:
  bench/booking_throughput.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "services/booking"))

from booking.adapters.availability_client import HttpSlotValidator  # noqa: E402
from booking.bootstrap import Overrides, build_app, build_database  # noqa: E402
from booking.config import BookingSettings  # noqa: E402
from rdv_chassis.testing.migrations import upgrade_head  # noqa: E402
from tests.integration.availability_double import AvailabilityDouble  # noqa: E402
from tests.integration.conftest import LIEU, MOTIF, USER, Booking, _bearer, seed_directory  # noqa: E402

BOOKINGS, CONCURRENCY, AGENT = 3000, 16, 1
TARGET_RATE, TARGET_P99_MS, TARGET_RATIO = 150.0, 200.0, 0.25
START = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)


async def fresh_database(pg: str) -> str:
    name = f"bench_booking_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
    await upgrade_head(ROOT / "services/booking/alembic.ini", url)
    return url


def slot_of(n: int) -> datetime:
    return START + timedelta(minutes=30 * n)


async def through_the_app(pg: str, kafka: str) -> dict[str, float]:
    url = await fresh_database(pg)
    settings = BookingSettings(
        database_url=url, kafka_bootstrap_servers=kafka, environment="test", database_pool_size=CONCURRENCY
    )
    database = build_database(settings)
    double = AvailabilityDouble(0)

    async def validate(body: dict) -> dict:  # every booking a distinct slot of one agent: no conflicts
        starts_at = datetime.fromisoformat(body["starts_at"])
        return {
            "bookable": True,
            "agent_id": AGENT,
            "lieu_id": body["lieu_id"],
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(minutes=30)).isoformat(),
        }

    double.app.router.routes.clear()
    double.app.post("/internal/v1/slots/validate")(validate)
    slots = HttpSlotValidator(
        httpx.AsyncClient(transport=httpx.ASGITransport(double.app), base_url="http://a")
    )
    app = build_app(settings, database, Overrides(slots=slots))
    from tests.integration.conftest import verifier

    app.state.booking = app.state.booking.__class__(**{**app.state.booking.__dict__, "verifier": verifier()})
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://booking")
    await seed_directory(Booking(client, app, database, url, double, [START]))
    headers = _bearer({"sub": f"user:{USER}"})
    latencies: list[float] = []
    errors = 0
    queue = iter(range(BOOKINGS))

    async def worker() -> None:
        nonlocal errors
        for n in queue:
            body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot_of(n).isoformat()}
            started = time.perf_counter()
            response = await client.post("/api/v1/usager/rdvs", json=body, headers=headers)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 201

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await client.aclose()
    await database.engine.dispose()
    ordered = sorted(latencies)
    return {
        "bookings_per_second": BOOKINGS / elapsed,
        "p50_ms": statistics.median(ordered),
        "p99_ms": ordered[int(len(ordered) * 0.99) - 1],
        "errors": errors,
    }


async def raw_inserts(pg: str) -> float:
    url = await fresh_database(pg)
    pool = await asyncpg.create_pool(
        url.replace("postgresql+asyncpg://", "postgresql://", 1), max_size=CONCURRENCY
    )
    queue = iter(range(BOOKINGS))
    now = datetime.now(UTC)

    async def worker() -> None:
        async with pool.acquire() as conn:
            for n in queue:
                starts = slot_of(n)
                async with conn.transaction():
                    rdv_id = await conn.fetchval(
                        "INSERT INTO rdvs (uuid, organisation_id, motif_id, lieu_id, starts_at, ends_at, status, agent_ids,"
                        " collectif, users_count, created_by, created_by_id, forced, sequence, version, created_at, updated_at)"
                        " VALUES ($1,1,$2,$3,$4,$5,'unknown',$6,false,1,'user',$7,false,0,1,$8,$8) RETURNING id",
                        uuid.uuid4(),
                        MOTIF,
                        LIEU,
                        starts,
                        starts + timedelta(minutes=30),
                        [AGENT],
                        USER,
                        now,
                    )
                    await conn.execute(
                        "INSERT INTO participations (rdv_id, user_id, status, send_lifecycle_notifications,"
                        " send_reminder_notification, created_by_type, created_by_id, created_by_agent_prescripteur)"
                        " VALUES ($1,$2,'unknown',true,true,'user',$2,false)",
                        rdv_id,
                        USER,
                    )
                    await conn.execute(
                        "INSERT INTO rdv_agent_busy (rdv_id, agent_id, during) VALUES ($1,$2,tstzrange($3,$4,'[)'))",
                        rdv_id,
                        AGENT,
                        starts,
                        starts + timedelta(minutes=30),
                    )

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return BOOKINGS / elapsed


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    app = await through_the_app(args.pg.rstrip("/"), args.kafka)
    raw = await raw_inserts(args.pg.rstrip("/"))
    result = {
        **app,
        "raw_inserts_per_second": raw,
        "ratio_to_raw": app["bookings_per_second"] / raw,
        "bookings": BOOKINGS,
        "concurrency": CONCURRENCY,
        "measured": "booking ASGI app, availability double",
    }
    met = (
        app["errors"] == 0
        and app["bookings_per_second"] >= TARGET_RATE
        and app["p99_ms"] < TARGET_P99_MS
        and result["ratio_to_raw"] >= TARGET_RATIO
    )
    result["targets_met"] = met
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "booking_throughput.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "booking_throughput.md").write_text(
        "# Booking throughput (booking's ASGI app, availability double, real PostgreSQL)\n\n"
        f"| bookings/s | p50 ms | p99 ms | errors | raw asyncpg inserts/s | ratio |\n|---|---|---|---|---|---|\n"
        f"| {app['bookings_per_second']:.0f} | {app['p50_ms']:.1f} | {app['p99_ms']:.1f} | {app['errors']} "
        f"| {raw:.0f} | {result['ratio_to_raw']:.0%} |\n"
    )
    print(json.dumps(result, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
