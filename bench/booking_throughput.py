# ruff: noqa: E501  (SQL statements and a results table read better unwrapped)
"""Booking throughput: public bookings sent over HTTP to booking's API process (uvicorn, as
`python -m booking.entrypoints.api` runs it: real PostgreSQL, the exclusion constraint, the outbox,
JWT verification against a JWKS URL, availability's validate call over HTTP), against the raw rate
of inserting the same rows (rdv, participation, busy range) with asyncpg in the same run.

Availability and directory's JWKS are stood in for by a tiny ASGI process of this script
(`--serve-fakes`), so the figures are the booking service's own cost; the gateway (nginx) is not in
the loop. Targets are recorded as passed or missed in the results; the script exits 0 either way.
Usage:
  bench/booking_throughput.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "services/booking"))

from booking.adapters.tables import metadata  # noqa: E402
from booking.entrypoints.subscribers import copy_handlers  # noqa: E402
from rdv_chassis.auth.signing import generate_rsa_key, jwks_document, sign  # noqa: E402
from rdv_chassis.runtime import Database  # noqa: E402
from rdv_chassis.testing.migrations import upgrade_head  # noqa: E402
from rdv_contracts import directory as dr  # noqa: E402
from rdv_contracts.registry import envelope  # noqa: E402

BOOKINGS, WARMUP, CONCURRENCY = int(os.environ.get("BENCH_BOOKINGS", "3000")), 200, 16
ORG, TERRITORY, SERVICE, AGENT, MOTIF, LIEU, USER = 1, 1, 1, 1, 1, 1, 1
TARGET_RATE, TARGET_P99_MS, TARGET_RATIO = 150.0, 200.0, 0.25
START = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
ISSUER, AUDIENCE = "rdv-directory", "rdv-platform"


def slot_of(n: int) -> datetime:
    return START + timedelta(minutes=30 * n)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def fresh_database(pg: str) -> str:
    name = f"bench_booking_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
    await upgrade_head(ROOT / "services/booking/alembic.ini", url)
    return url


async def seed_copies(url: str) -> None:
    """What booking's worker would have copied from directory's topics."""
    from rdv_chassis.db.engine import create_engine, create_session_factory

    engine = create_engine(url)
    database = Database(
        engine,
        create_session_factory(engine),
        metadata,
        metadata.tables["outbox"],
        metadata.tables["inbox"],
        "booking",
    )
    entities = [
        dr.TerritoryCreated(id=TERRITORY, name="Pas-de-Calais", departement_number="62"),
        dr.OrganisationCreated(id=ORG, territory_id=TERRITORY, name="MDS", phone_number="03 21 00 00 00"),
        dr.ServiceCreated(id=SERVICE, name="Service social", short_name="Social"),
        dr.AgentCreated(id=AGENT, email="agent@example.org", last_name="Agent", organisation_ids=[ORG]),
        dr.MotifCreated(
            id=MOTIF,
            organisation_id=ORG,
            service_id=SERVICE,
            name="Accueil",
            bookable_by=dr.BookableBy.EVERYONE,
        ),
        dr.LieuCreated(
            id=LIEU, organisation_id=ORG, name="MDS", address="1 rue A", latitude=50.0, longitude=2.0
        ),
        dr.UserCreated(id=USER, first_name="Élodie", last_name="Le Bœuf"),
    ]
    async with database.sessions() as session, session.begin():
        for entity in entities:
            event = envelope(entity, aggregate_id=entity.id, organisation_id=None)
            await copy_handlers()[event.event_type](session, event)
    await engine.dispose()


def fakes_app(jwks: dict[str, Any]) -> Any:
    """Availability's validate (every asked slot bookable by AGENT for 30 minutes) and the JWKS."""
    jwks_body = json.dumps(jwks).encode()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if scope["path"] == "/jwks":
            answer = jwks_body
        else:
            starts_at = datetime.fromisoformat(json.loads(body)["starts_at"])
            answer = json.dumps(
                {
                    "bookable": True,
                    "agent_id": AGENT,
                    "lieu_id": LIEU,
                    "starts_at": starts_at.isoformat(),
                    "ends_at": (starts_at + timedelta(minutes=30)).isoformat(),
                }
            ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": answer})

    return app


def serve_fakes(port: int, jwks_file: Path) -> None:
    import uvicorn

    uvicorn.run(
        fakes_app(json.loads(jwks_file.read_text())), host="127.0.0.1", port=port, log_level="warning"
    )


@contextlib.contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tail_of(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:]


async def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"{url} exited: {tail_of(log)}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


async def book_over_http(base_url: str, token: str, api_pid: int) -> dict[str, float]:
    """aiohttp as the client: httpx would spend more CPU than the service it measures."""
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(base_url, headers=headers, connector=connector) as client:

        async def run(numbers: range) -> tuple[list[float], int, float, float]:
            queue = iter(numbers)
            latencies: list[float] = []
            errors = 0

            async def worker() -> None:
                nonlocal errors
                for n in queue:
                    body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot_of(n).isoformat()}
                    started = time.perf_counter()
                    async with client.post("/api/v1/usager/rdvs", json=body) as response:
                        await response.read()
                    latencies.append((time.perf_counter() - started) * 1000)
                    errors += response.status != 201

            started, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
            return latencies, errors, time.perf_counter() - started, time.process_time() - cpu

        await run(range(WARMUP))  # connection pools, prepared statements, JWKS cache
        api_cpu = cpu_seconds(api_pid)
        latencies, errors, elapsed, client_cpu = await run(range(WARMUP, WARMUP + BOOKINGS))
        api_cpu = cpu_seconds(api_pid) - api_cpu
    ordered = sorted(latencies)
    return {
        "bookings_per_second": BOOKINGS / elapsed,
        "p50_ms": statistics.median(ordered),
        "p99_ms": ordered[int(len(ordered) * 0.99) - 1],
        "errors": errors,
        "api_cpu_ms_per_booking": api_cpu / BOOKINGS * 1000,
        "client_cpu_ms_per_booking": client_cpu / BOOKINGS * 1000,
    }


async def through_the_api(pg: str, kafka: str, workdir: Path) -> dict[str, float]:
    url = await fresh_database(pg)
    await seed_copies(url)
    key = generate_rsa_key("bench-key")
    jwks_file = workdir / "bench-jwks.json"
    jwks_file.write_text(json.dumps(jwks_document([key])))
    fakes_port, api_port = free_port(), free_port()
    fakes = [sys.executable, __file__, "--serve-fakes", str(fakes_port), "--jwks", str(jwks_file)]
    api_env = {
        "BOOKING_ENVIRONMENT": "production",
        "BOOKING_LINK_SECRET": secrets.token_urlsafe(32),
        "BOOKING_DATABASE_URL": url,
        "BOOKING_DATABASE_POOL_SIZE": str(CONCURRENCY),
        "BOOKING_KAFKA_BOOTSTRAP_SERVERS": kafka,
        "BOOKING_HTTP_PORT": str(api_port),
        "BOOKING_AVAILABILITY_URL": f"http://127.0.0.1:{fakes_port}",
        "BOOKING_JWKS_URL": f"http://127.0.0.1:{fakes_port}/jwks",
        "BOOKING_LOG_LEVEL": "WARNING",
    }
    api_command = [sys.executable, "-m", "booking.entrypoints.api"]
    fakes_log, api_log = workdir / "fakes.log", workdir / "api.log"
    with running(fakes, {}, fakes_log) as fakes_process, running(api_command, api_env, api_log) as api:
        await wait_until_up(f"http://127.0.0.1:{fakes_port}/jwks", fakes_process, fakes_log)
        await wait_until_up(f"http://127.0.0.1:{api_port}/health/live", api, api_log)
        token = sign({"sub": f"user:{USER}"}, key, ISSUER, AUDIENCE, ttl_seconds=3600)
        return await book_over_http(f"http://127.0.0.1:{api_port}", token, api.pid)


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


def targets(result: dict[str, Any]) -> dict[str, bool]:
    return {
        "zero_errors": result["errors"] == 0,
        f"at_least_{TARGET_RATE:.0f}_bookings_per_second": result["bookings_per_second"] >= TARGET_RATE,
        f"p99_under_{TARGET_P99_MS:.0f}_ms": result["p99_ms"] < TARGET_P99_MS,
        f"at_least_{TARGET_RATIO:.0%}_of_raw_inserts": result["ratio_to_raw"] >= TARGET_RATIO,
    }


def markdown(result: dict[str, Any]) -> str:
    checks = "\n".join(f"| {name} | {'pass' if ok else 'MISSED'} |" for name, ok in result["targets"].items())
    return (
        "# Booking throughput (booking's API process over HTTP, availability/JWKS stubs, real PostgreSQL)\n\n"
        "| bookings/s | p50 ms | p99 ms | errors | raw asyncpg inserts/s | ratio |\n|---|---|---|---|---|---|\n"
        f"| {result['bookings_per_second']:.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {result['errors']} "
        f"| {result['raw_inserts_per_second']:.0f} | {result['ratio_to_raw']:.0%} |\n\n"
        f"| target | result |\n|---|---|\n{checks}\n\n"
        f"{result['bookings']} bookings after {WARMUP} of warm-up, {result['concurrency']} concurrent clients; "
        f"load average before/after: {result['load_average_before']} / {result['load_average_after']} "
        f"on {os.cpu_count()} cores (the machine may be shared). CPU per booking: API process "
        f"{result['api_cpu_ms_per_booking']:.2f} ms, client {result['client_cpu_ms_per_booking']:.2f} ms. "
        "The API runs as `python -m booking.entrypoints.api` (uvicorn, uvloop, httptools) with "
        "BOOKING_LOG_LEVEL=WARNING (no access-log line per request); no gateway in the loop.\n"
    )


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="bench-booking-") as workdir:
        api = await through_the_api(args.pg.rstrip("/"), args.kafka, Path(workdir))
    raw = await raw_inserts(args.pg.rstrip("/"))
    result: dict[str, Any] = {
        **api,
        "raw_inserts_per_second": raw,
        "ratio_to_raw": api["bookings_per_second"] / raw,
        "bookings": BOOKINGS,
        "concurrency": CONCURRENCY,
        "measured": "booking API process (uvicorn) over HTTP, availability and JWKS stubs",
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    result["targets"] = targets(result)
    result["targets_met"] = all(result["targets"].values())
    (args.out / "booking_throughput.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "booking_throughput.md").write_text(markdown(result))
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    if "--serve-fakes" in sys.argv:
        parsed = argparse.ArgumentParser()
        parsed.add_argument("--serve-fakes", type=int)
        parsed.add_argument("--jwks", type=Path)
        fake_args, _ = parsed.parse_known_args()
        serve_fakes(fake_args.serve_fakes, fake_args.jwks)
        sys.exit(0)
    sys.exit(asyncio.run(main()))
