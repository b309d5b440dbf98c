"""Export benchmark: 100,000 RDVs of one organisation exported to .xlsx by the booking worker's job.

A throwaway database gets booking's migrations, the directory copies (20 agents, 5 motifs, 3 lieux,
20,000 usagers) and 100,000 RDVs with one participation each, written by SQL in bulk. Then the
worker's use case (`ProduceExport`: SKIP LOCKED claim, server-side cursor in batches of 500,
XlsxWriter in constant-memory mode, file stored as bytea chunks, `export.completed` in the outbox)
runs twice: once timed with the process's RSS high-water mark, once under tracemalloc for the peak
of Python allocations. The file is opened with openpyxl to check its row count.

Usage: bench/booking_export.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import io
import json
import logging
import os
import platform
import resource
import sys
import time
import tracemalloc
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import openpyxl
from booking.adapters.export_spreadsheet import xlsx_spreadsheet
from booking.adapters.export_unit_of_work import ExportsUnitOfWork
from booking.application.produce_export import ProduceExport
from booking.application.request_export import RequestExport, request_export
from booking.bootstrap import build_database
from booking.config import BookingSettings
from booking.domain.export import ExportFilters
from booking.domain.rights import AgentAccess
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts.booking import ExportType
from sqlalchemy import select

RDVS = 100_000
USERS = 20_000
TARGET_SECONDS = 120.0
TARGET_TRACED_MB = 64.0
TARGET_RSS_GROWTH_MB = 200.0
ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_INI = ROOT / "services" / "booking" / "alembic.ini"
ADMIN = 1
NOW = datetime.now(UTC)

SEED = f"""
INSERT INTO local_territories (id, data) VALUES (1, '{{"id": 1, "name": "Pas-de-Calais",
  "departement_number": "62", "time_zone": "Europe/Paris", "version": 1}}');
INSERT INTO local_organisations (id, territory_id, data)
  VALUES (1, 1, '{{"id": 1, "territory_id": 1, "name": "MDS Arras", "version": 1}}');
INSERT INTO local_services (id, data)
  VALUES (1, '{{"id": 1, "name": "Service social", "short_name": "Social"}}');
INSERT INTO local_agents (id, data) SELECT a, jsonb_build_object('id', a, 'first_name', 'Camille',
  'last_name', 'Agent ' || a, 'email', 'agent' || a || '@mds.example.org') FROM generate_series(1, 20) a;
INSERT INTO local_agent_roles (id, agent_id, organisation_id, data) SELECT a, a, 1,
  jsonb_build_object('id', a, 'agent_id', a, 'organisation_id', 1) FROM generate_series(1, 20) a;
INSERT INTO local_motifs (id, organisation_id, service_id, data) SELECT m, 1, 1, jsonb_build_object('id', m,
  'organisation_id', 1, 'service_id', 1, 'name', 'Motif ' || m) FROM generate_series(1, 5) m;
INSERT INTO local_lieux (id, organisation_id, data) SELECT l, 1, jsonb_build_object('id', l,
  'organisation_id', 1, 'name', 'Lieu ' || l, 'address', l || ' rue de la Paix, 62000 Arras')
  FROM generate_series(1, 3) l;
INSERT INTO local_users (id, data) SELECT u, jsonb_build_object('id', u, 'first_name', 'Prénom' || u,
  'last_name', 'Nom' || u, 'email', 'usager' || u || '@example.org',
  'phone_number', '06' || lpad(u::text, 8, '0'), 'post_code', '62000', 'birth_date', '1980-01-01')
  FROM generate_series(1, {USERS}) u;
INSERT INTO rdvs (uuid, organisation_id, motif_id, lieu_id, starts_at, ends_at, status, agent_ids, collectif,
  users_count, created_by, created_by_id, forced, sequence, version, created_at, updated_at, context)
SELECT gen_random_uuid(), 1, 1 + n % 5, 1 + n % 3, now() - interval '200 days' + n * interval '3 minutes',
  now() - interval '200 days' + n * interval '3 minutes' + interval '30 minutes',
  (ARRAY['unknown','seen','noshow','excused','revoked'])[1 + n % 5], ARRAY[1 + n % 20], false, 1,
  (ARRAY['agent','user','prescripteur'])[1 + n % 3], 1 + n % 20, true, 0, 1, now(), now(), 'Suivi n°' || n
FROM generate_series(1, {RDVS}) n;
INSERT INTO participations (rdv_id, user_id, status, send_lifecycle_notifications, send_reminder_notification,
  created_by_type, created_by_id, created_by_agent_prescripteur)
SELECT id, 1 + id % {USERS}, status, true, true, 'agent', 1, false FROM rdvs;
ANALYZE;
"""


async def create_database(pg: str) -> str:
    name = f"bench_export_{uuid.uuid4().hex[:8]}"
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


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def export_once(database: Any, traced: bool) -> dict[str, Any]:
    def units() -> ExportsUnitOfWork:
        return ExportsUnitOfWork(database.sessions, database.outbox, database.producer)

    clock = lambda: datetime.now(UTC)  # noqa: E731
    access = AgentAccess(ADMIN, {1: "admin"})
    export = await request_export(
        units, clock, access, RequestExport(1, ExportType.RDV_EXPORT, ExportFilters())
    )
    rss_before = rss_mb()
    if traced:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    handled = await ProduceExport(units, xlsx_spreadsheet, clock)()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    if traced:
        tracemalloc.stop()
    assert handled == 1
    async with units() as unit:
        done = await unit.exports.get(export.id or 0)
        chunks = [c async for c in unit.exports.read_file(export.id or 0)]
    assert done is not None and done.state == "done", done
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(chunks)), read_only=True).active
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "rows": done.rows_count,
        "sheet_rows": sheet.max_row,
        "bytes": done.size_bytes,
        "rss_high_water_mb": round(rss_mb(), 1),
        "rss_growth_mb": round(rss_mb() - rss_before, 1),
        "traced_peak_mb": round(peak, 1) if peak is not None else None,
    }


async def measure(pg: str, kafka: str) -> dict[str, Any]:
    name = await create_database(pg)
    url = f"postgresql+asyncpg://{pg.removeprefix('postgresql://')}/{name}"
    try:
        await upgrade_head(ALEMBIC_INI, url)
        started = time.perf_counter()
        seeder = await asyncpg.connect(f"{pg}/{name}")
        try:
            await seeder.execute(SEED)
        finally:
            await seeder.close()
        seeding = time.perf_counter() - started
        settings = BookingSettings(
            database_url=url, kafka_bootstrap_servers=kafka, environment="test", link_secret="b" * 40
        )
        database = build_database(settings)
        try:
            timed = await export_once(database, traced=False)
            traced = await export_once(database, traced=True)
            async with database.sessions() as session:
                outbox = database.outbox
                events = (await session.execute(select(outbox.c.event_type))).scalars().all()
        finally:
            await database.engine.dispose()
        return {
            "seeding_seconds": round(seeding, 1),
            "timed": timed,
            "traced": traced,
            "events": list(events),
        }
    finally:
        await drop_database(pg, name)


def judge(report: dict[str, Any]) -> list[dict[str, Any]]:
    timed, traced = report["timed"], report["traced"]
    return [
        {"target": f"{RDVS:,} RDVs exported, every row in the file",
         "measured": f"{timed['sheet_rows'] - 1:,} rows",
         "pass": timed["rows"] == RDVS and timed["sheet_rows"] == RDVS + 1},
        {"target": f"export time < {TARGET_SECONDS:.0f} s", "measured": f"{timed['seconds']} s",
         "pass": timed["seconds"] < TARGET_SECONDS},
        {"target": f"tracemalloc peak < {TARGET_TRACED_MB:.0f} MB",
         "measured": f"{traced['traced_peak_mb']} MB", "pass": traced["traced_peak_mb"] < TARGET_TRACED_MB},
        {"target": f"RSS growth during the export < {TARGET_RSS_GROWTH_MB:.0f} MB",
         "measured": f"{timed['rss_growth_mb']} MB", "pass": timed["rss_growth_mb"] < TARGET_RSS_GROWTH_MB},
    ]  # fmt: skip


def markdown(report: dict[str, Any]) -> str:
    timed, traced = report["timed"], report["traced"]
    lines = [
        "# booking export of 100,000 RDVs",
        "",
        f"{report['date']} · {report['machine']} · load average {report['load']}",
        "",
        f"- seeding (SQL in bulk, not measured below): {report['seeding_seconds']} s",
        f"- export: {timed['seconds']} s for {timed['rows']:,} rows "
        f"({timed['cpu_seconds']} s of this process's CPU), file {timed['bytes']:,} bytes",
        f"- RSS high-water mark {timed['rss_high_water_mb']} MB, "
        f"growth during the export {timed['rss_growth_mb']} MB",
        f"- under tracemalloc: peak {traced['traced_peak_mb']} MB of Python allocations "
        f"({traced['seconds']} s, slowed by the tracing)",
        f"- outbox: {', '.join(report['events'])}",
        "",
        "| target | measured | pass |",
        "|---|---|---|",
        *(f"| {t['target']} | {t['measured']} | {'yes' if t['pass'] else 'no'} |" for t in report["targets"]),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    report = asyncio.run(measure(args.pg, args.kafka))
    report |= {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    report["targets"] = judge(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "booking_export.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "booking_export.md").write_text(markdown(report))
    print(markdown(report))
    return 0 if all(t["pass"] for t in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
