"""Usager pages benchmark: server time and weight of each page of the booking journey, on a phone's budget.

A throwaway database gets booking's migrations and the directory copies of one organisation (motif,
lieu, usager); the booking app with its pages runs in this process (httpx ASGITransport, no network),
availability's public search answered by a small in-process double (a week with 60 free slots). Each
page is requested 300 times after a warm-up: p50/p95 of the server time, HTML size raw and gzipped.
The first visit's weight is the motif page plus the DSFR files it loads (CSS, JS, the two Marianne
fonts the pages use), gzipped as a gateway would send them.

Usage: bench/booking_pages.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import gzip
import json
import logging
import os
import platform
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from booking.bootstrap import Overrides, build_app, build_database
from booking.config import BookingSettings
from booking.entrypoints.subscribers import copy_handlers
from booking.entrypoints.web.mount import mount_web
from fastapi import FastAPI
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import directory as dr
from rdv_contracts.registry import envelope

ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_INI = ROOT / "services/booking/alembic.ini"
STATIC = ROOT / "services/booking/src/booking/entrypoints/web/static/dsfr"
REQUESTS = 300
TARGET_P95_MS = 50.0
TARGET_FIRST_VISIT_KB = 250.0
ORG, MOTIF, LIEU, USER = 1, 20, 30, 200
KEY = "accueil-public_office"
JOURNEY = f"/prendre_rdv?public_link_organisation_id={ORG}&motif_name_with_location_type={KEY}"


def availability_double() -> FastAPI:
    app = FastAPI()
    lieu = {
        "id": LIEU,
        "name": "MDS Arras",
        "address": "1 rue A 62000 Arras",
        "latitude": 50.3,
        "longitude": 2.8,
    }

    @app.get("/api/v1/public/motifs")
    async def motifs() -> dict[str, Any]:
        found = {"key": KEY, "name": "Accueil", "location_type": "public_office", "service_id": 10}
        return {"motifs": [found | {"motif_ids": [MOTIF]}] * 5}

    @app.get("/api/v1/public/lieux")
    async def lieux() -> dict[str, Any]:
        place = {"motif_id": MOTIF, "organisation_id": ORG, "lieu": lieu, "distance_in_meters": None}
        return {"places": [place | {"next_availability": None}] * 8}

    @app.get("/api/v1/public/slots")
    async def slots(to: date) -> dict[str, Any]:
        days = []
        for offset in range(6, 0, -1):
            day = to - timedelta(days=offset)
            times = [
                datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(minutes=30 * i)
                for i in range(10)
            ]
            days.append(
                {
                    "date": day.isoformat(),
                    "slots": [
                        {"starts_at": t.isoformat(), "ends_at": t.isoformat(), "lieu_id": LIEU} for t in times
                    ],
                }
            )
        return {"motif_id": MOTIF, "lieu_id": LIEU, "time_zone": "Europe/Paris", "days": days}

    return app


async def seed(database: Any) -> None:
    events = [
        (dr.TerritoryCreated(id=1, name="Pas-de-Calais", departement_number="62"), 1),
        (
            dr.OrganisationCreated(id=ORG, territory_id=1, name="MDS Arras", phone_number="03 21 00 00 01"),
            ORG,
        ),
        (dr.ServiceCreated(id=10, name="Service social", short_name="Social"), 10),
        (
            dr.MotifCreated(
                id=MOTIF,
                organisation_id=ORG,
                service_id=10,
                name="Accueil",
                bookable_by=dr.BookableBy.EVERYONE,
            ),
            MOTIF,
        ),
        (
            dr.LieuCreated(
                id=LIEU,
                organisation_id=ORG,
                name="MDS Arras",
                address="1 rue A 62000 Arras",
                latitude=50.3,
                longitude=2.8,
            ),
            LIEU,
        ),
    ]
    for payload, aggregate_id in events:
        event = envelope(payload, aggregate_id=aggregate_id, organisation_id=None)
        async with database.sessions() as session, session.begin():
            await copy_handlers()[event.event_type](session, event)


async def measure(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    for _ in range(20):
        await client.get(url)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = await client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    body = response.content
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "p50_ms": round(quantiles[49], 2),
        "p95_ms": round(quantiles[94], 2),
        "html_bytes": len(body),
        "html_gzip_bytes": len(gzip.compress(body)),
    }


def first_visit_kb(html_gzip_bytes: int) -> float:
    files = [
        "dsfr.min.css",
        "dsfr.module.min.js",
        "fonts/Marianne-Regular.woff2",
        "fonts/Marianne-Bold.woff2",
    ]
    files += [f"utility/icons/icons-{f}/icons-{f}.min.css" for f in ("arrows", "business", "map")]
    total = html_gzip_bytes
    for name in files:
        raw = (STATIC / name).read_bytes()
        total += len(raw) if name.endswith(".woff2") else len(gzip.compress(raw))
    return round(total / 1024, 1)


async def run(pg: str, kafka: str) -> dict[str, Any]:
    name = f"bench_pages_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    try:
        await upgrade_head(ALEMBIC_INI, url)
        settings = BookingSettings(
            database_url=url, kafka_bootstrap_servers=kafka, environment="test", link_secret="b" * 48
        )
        database = build_database(settings)
        await seed(database)
        app = build_app(settings, database, Overrides(clock=lambda: datetime.now(UTC)))
        availability = httpx.AsyncClient(
            transport=httpx.ASGITransport(availability_double()), base_url="http://availability"
        )
        mount_web(app, settings, availability, httpx.AsyncClient(base_url="http://directory.invalid"))
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://booking")
        soon = (datetime.now(UTC) + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
        chosen = f"{JOURNEY}&motif_id={MOTIF}&lieu_id={LIEU}"
        pages = {
            "motif": f"/prendre_rdv?public_link_organisation_id={ORG}",
            "lieu": JOURNEY,
            "creneau": chosen,
            "identification": f"{chosen}&starts_at={soon.isoformat().replace('+', '%2B')}",
            "lien_trois_lettres": "/r/1/jeton",
        }
        results = {page: await measure(client, path) for page, path in pages.items()}
        await client.aclose()
        await availability.aclose()
        await database.engine.dispose()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    load_start = os.getloadavg()
    pages = asyncio.run(run(args.pg, args.kafka))
    weight = first_visit_kb(pages["motif"]["html_gzip_bytes"])
    worst_p95 = max(p["p95_ms"] for p in pages.values())
    targets = {
        f"p95 of every page < {TARGET_P95_MS} ms": worst_p95 < TARGET_P95_MS,
        f"first visit < {TARGET_FIRST_VISIT_KB} kB gzipped": weight < TARGET_FIRST_VISIT_KB,
    }
    report = {
        "pages": pages,
        "first_visit_kb_gzip": weight,
        "targets": targets,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_start": load_start,
            "load_end": os.getloadavg(),
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "booking_pages.json").write_text(json.dumps(report, indent=2) + "\n")
    rows = [
        f"| {page} | {p['p50_ms']} | {p['p95_ms']} | {p['html_bytes']} | {p['html_gzip_bytes']} |"
        for page, p in pages.items()
    ]
    table = "\n".join(["| page | p50 ms | p95 ms | HTML bytes | gzipped |", "|---|---|---|---|---|", *rows])
    verdicts = "\n".join(f"- {name}: {'met' if ok else 'MISSED'}" for name, ok in targets.items())
    load = (
        f"load average {load_start[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end, {os.cpu_count()} CPUs"
    )
    (args.out / "booking_pages.md").write_text(
        f"# Usager pages\n\n{table}\n\nFirst visit (motif page + DSFR CSS/JS/fonts, gzipped): {weight} kB."
        f"\n\n{verdicts}\n\n{load}\n"
    )
    print(table, f"\nfirst visit {weight} kB", verdicts, sep="\n")
    raise SystemExit(0 if all(targets.values()) else 1)


if __name__ == "__main__":
    main()
