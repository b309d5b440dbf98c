"""Usager search benchmark: 100,000 usagers in one organisation, searched the way agents type.

Creates a throwaway database, applies the directory's migrations, bulk-loads usagers (names with
accents, e-mails, phones), lets PostgreSQL vacuum and analyse them (what autovacuum does after a bulk
insert), and times `UserSearch.search` (the queries behind `GET /api/v1/organisations/{id}/users`),
each in its own transaction like a request, for name prefixes, accent-free spellings, two words,
e-mail, phone, the plain list and a second page. Target: p95 under 50 ms. The machine's load
average is recorded with the figures: other work on a shared machine slows every query.

Usage: bench/directory_user_search.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT
       --out bench/results
"""

import argparse
import asyncio
import json
import math
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from directory.adapters.repositories.user_search import UserSearch
from rdv_chassis.db.engine import create_engine, create_session_factory
from rdv_chassis.testing.migrations import upgrade_head
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

USERS = 100_000
ROUNDS = 5
TARGET_MS = 50.0
ALEMBIC_INI = Path(__file__).parents[1] / "services" / "directory" / "alembic.ini"
FIRST = [
    "Hélène",
    "Jean",
    "Léa",
    "Mohamed",
    "Chloé",
    "Lucas",
    "Émilie",
    "Nicolas",
    "Fatou",
    "Thomas",
    "Zoé",
    "Gaëlle",
    "Mathéo",
    "Inès",
    "Noël",
    "Agnès",
    "François",
    "Anaïs",
    "Jérôme",
    "Loïc",
]
LAST = [
    "Dupont",
    "Martin",
    "Bernard",
    "Lefèvre",
    "Durand",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Garcia",
    "Bégué",
    "Pétain",
    "Ménard",
    "Caron",
    "Gérard",
    "Roussel",
    "Benoît",
    "Lemaître",
    "Fournier",
    "Girard",
]
QUERIES = {
    "last name prefix": ["dup", "mor", "lef", "gir", "ben"],
    "accent-free first name": ["helene", "jerome", "anais", "gaelle", "loic"],
    "two words": ["helene dup", "jean mar", "zoe gir", "ines car", "noel lem"],
    "e-mail": ["helene.dupont1", "jean.martin2@", "zoe.girard3"],
    "phone": ["0612000123", "06 12 00 45", "+33612004567"],
    "one letter": ["d", "m", "l"],
    "no search (list)": [""],
}
SECOND_PAGE = {"second page of a prefix": ["mar", "ber"]}


def synthetic_last_name(rng: random.Random) -> str:
    return (
        rng.choice(LAST)
        + rng.choice(["", "", "", "-" + rng.choice(LAST)])
        + rng.choice(["", "", "s", "eau", "in"])
    )


async def load(dsn: str, organisation_id: int) -> None:
    rng = random.Random(42)
    rows = []
    now = datetime.now(UTC)
    for n in range(USERS):
        first, last = rng.choice(FIRST), synthetic_last_name(rng)
        email = f"{first}.{last}{n}@exemple.fr".lower().replace(" ", "")
        phone = f"06 12 {n // 10000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d}"
        rows.append((first, last, email if n % 3 else None, phone if n % 2 else None, now, now))
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "users",
            records=rows,
            columns=["first_name", "last_name", "email", "phone_number", "created_at", "updated_at"],
        )
        await conn.execute(
            "INSERT INTO user_profiles (user_id, organisation_id) SELECT id, $1 FROM users", organisation_id
        )
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def measure(
    sessions: async_sessionmaker[AsyncSession], organisation: int, queries: list[str], offset: int
) -> dict[str, object]:
    timings, hits = [], []
    for _ in range(ROUNDS):
        for query in queries:
            t0 = time.perf_counter()
            async with sessions() as session:
                page = await UserSearch(session).search([organisation], query, offset, 100)
            timings.append((time.perf_counter() - t0) * 1000)
            hits.append(page.total_count)
    timings.sort()
    return {
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, math.ceil(len(timings) * 0.95) - 1)], 2),
        "max_ms": round(timings[-1], 2),
        "median_total_count": int(statistics.median(hits)),
    }


async def run(pg: str) -> dict[str, object]:
    name = f"bench_directory_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
    try:
        await upgrade_head(ALEMBIC_INI, url)
        conn = await asyncpg.connect(f"{pg}/{name}")
        territory = await conn.fetchval(
            "INSERT INTO territories (name, departement_number) VALUES ('B', '62') RETURNING id"
        )
        organisation = await conn.fetchval(
            "INSERT INTO organisations (territory_id, name) VALUES ($1, 'Bench') RETURNING id", territory
        )
        await conn.close()
        started = time.perf_counter()
        await load(f"{pg}/{name}", organisation)
        load_seconds = time.perf_counter() - started
        engine = create_engine(url, pool_size=2)
        sessions = create_session_factory(engine)
        results = {}
        load_before = os.getloadavg()
        for offset, kinds in ((0, QUERIES), (100, SECOND_PAGE)):
            for kind, queries in kinds.items():
                results[kind] = await measure(sessions, organisation, queries, offset)
        load_after = os.getloadavg()
        await engine.dispose()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    worst = max(r["p95_ms"] for r in results.values())
    return {
        "benchmark": "directory_user_search",
        "users": USERS,
        "load_seconds": round(load_seconds, 1),
        "target_p95_ms": TARGET_MS,
        "worst_p95_ms": worst,
        "meets_target": worst < TARGET_MS,
        "results": results,
        "load_average_1_5_15_before": [round(x, 2) for x in load_before],
        "load_average_1_5_15_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def markdown(report: dict) -> str:
    lines = [
        "# Directory: usager search on 100,000 usagers",
        "",
        f"Target p95 < {report['target_p95_ms']} ms; worst p95 {report['worst_p95_ms']} ms "
        f"({'met' if report['meets_target'] else 'MISSED'}). Load: {report['load_seconds']} s.",
        f"Load average (1, 5, 15 min) on {report['cpus']} CPUs: "
        f"{report['load_average_1_5_15_before']} before, {report['load_average_1_5_15_after']} after.",
        "Matches are counted up to 1,000 past the page's first row (then a lower bound).",
        "",
        "| query kind | queries | p50 ms | p95 ms | max ms | median total_count |",
        "|---|---|---|---|---|---|",
    ]
    for kind, r in report["results"].items():
        figures = (r["queries"], r["p50_ms"], r["p95_ms"], r["max_ms"], r["median_total_count"])
        lines.append(f"| {kind} | " + " | ".join(str(f) for f in figures) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=False, help="unused: the search touches PostgreSQL only")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    report = asyncio.run(run(args.pg.rstrip("/")))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "directory_user_search.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "directory_user_search.md").write_text(markdown(report))
    sys.stdout.write(markdown(report))
    if not report["meets_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
