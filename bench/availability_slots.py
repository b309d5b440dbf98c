"""Slot search benchmark: availability's engine against a baseline that works like the existing system.

Data (through availability's own tables and adapters): a territory of 4 organisations × 50 agents, three
weekly plages per agent (first days up to two years ago, some every two weeks, some with an end date),
5,000 RDVs over the next 6 months inside those plages, 300 absences (days, weeks, recurring half-days,
and five 5-month leaves).

Service: availability's FastAPI app in a child process (the "service process"), requests through its ASGI
stack (auth, routes, use cases, the in-memory catalog, PostgreSQL busy times, JSON), real clock:
- public search, 7 days, a motif offered by 50 agents (`GET /api/v1/public/slots`);
- agent search, 28 days, same motif (`GET /api/v1/slots/search`);
- next availability of a motif whose answer is 5 months away (`GET /api/v1/public/next_availability`);
- resident memory of that process.

Baseline (reference §2.2 and §2.6), in this process on the same database: per request, load the motif and
its plages from PostgreSQL, expand every occurrence, and for each occurrence query the agent's absences and
RDVs (two concurrent queries, GiST-indexed), subtract them, cut slots; next availability walks 7-day windows.
Usage: bench/availability_slots.py --pg postgresql://postgres@HOST:PORT --kafka HOST:PORT --out bench/results
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from multiprocessing import get_context
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from availability.adapters import tables
from availability.adapters.agenda_repositories import SqlAbsences, SqlPlages
from availability.adapters.copies import SqlCopies
from availability.adapters.holiday_calendar import FrenchHolidays
from availability.adapters.recurrence import expand_days
from availability.application.when_directory_changes_update_copies import KIND_OF_TOPIC, update_copy
from availability.bootstrap import Overrides, build_app, build_database
from availability.config import AvailabilitySettings
from availability.domain.absence import AbsenceFields, AbsenceRecord
from availability.domain.plage import PlageFields, PlageRecord
from availability.domain.recurrence import Recurrence
from rdv_chassis.auth.signing import generate_rsa_key, jwks_document, sign
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.registry import envelope, spec_for
from sqlalchemy import insert, text
from sqlalchemy.dialects.postgresql import Range

ROOT = Path(__file__).resolve().parents[1]
PARIS = ZoneInfo("Europe/Paris")
ORGS, AGENTS_PER_ORG, RDVS, ABSENCES = 4, 50, 5000, 300
MOTIF, FAR_MOTIF, FAR_AGENTS, LEAVE_DAYS = 101, 104, range(1, 6), 150
TARGETS = {"public_p95_ms": 30.0, "agent_p95_ms": 80.0, "next_p95_ms": 50.0, "rss_mb": 300.0, "speedup": 10.0}
RUNS = {
    "service": {"public": 300, "agent": 100, "next": 200},
    "baseline": {"public": 20, "agent": 8, "next": 8},
}


def directory_states() -> list[Contract]:
    states: list[Contract] = [dr.TerritoryCreated(id=1, name="Pas-de-Calais", departement_number="62")]
    states.append(dr.ServiceCreated(id=1, name="PMI", short_name="PMI"))
    for org in range(1, ORGS + 1):
        states.append(dr.OrganisationCreated(id=org, territory_id=1, name=f"MDS {org}"))
        for k in range(1, 6):
            states.append(
                dr.LieuCreated(
                    id=org * 10 + k,
                    organisation_id=org,
                    name=f"Lieu {org}-{k}",
                    address=f"{k} rue de la Paix",
                    latitude=50.4 + k / 100,
                    longitude=2.8,
                )
            )
        base = org * 100
        states += [
            dr.MotifCreated(
                id=base + 1, organisation_id=org, service_id=1, name="Consultation", bookable_by="everyone"
            ),
            dr.MotifCreated(
                id=base + 2,
                organisation_id=org,
                service_id=1,
                name="Entretien",
                default_duration_in_min=45,
                bookable_by="everyone",
            ),
            dr.MotifCreated(
                id=base + 3,
                organisation_id=org,
                service_id=1,
                name="Appel",
                location_type="phone",
                default_duration_in_min=20,
                bookable_by="agents_and_prescripteurs",
            ),
            dr.MotifCreated(
                id=base + 4,
                organisation_id=org,
                service_id=1,
                name="Permanence retraite",
                bookable_by="everyone",
                max_public_booking_delay=200 * 86400,
            ),
        ]
    for agent in range(1, ORGS * AGENTS_PER_ORG + 1):
        org = (agent - 1) // AGENTS_PER_ORG + 1
        states.append(
            dr.AgentCreated(
                id=agent,
                email=f"agent{agent}@bench.fr",
                last_name=f"Agent {agent}",
                service_ids=[1],
                organisation_ids=[org],
            )
        )
    return states


def plages_of(agent: int, today: date, rng: random.Random) -> list[PlageFields]:
    org = (agent - 1) // AGENTS_PER_ORG + 1
    lieu, base, shift = org * 10 + agent % 5 + 1, org * 100, agent % 2
    far = (base + 4,) if agent in FAR_AGENTS else ()

    def weekly(weekday: int, start: str, end: str, motifs: tuple[int, ...], interval: int = 1) -> PlageFields:
        first = today - timedelta(days=rng.randint(0, 730))
        first += timedelta(days=(weekday - first.weekday()) % 7)
        until = today + timedelta(days=rng.randint(200, 400)) if rng.random() < 0.3 else None
        return PlageFields(
            agent,
            org,
            "Permanence",
            first,
            clock_time.fromisoformat(start),
            clock_time.fromisoformat(end),
            motifs,
            lieu,
            Recurrence("week", interval, until=until),
        )

    return [
        weekly(0 + shift, "09:00", "12:30", (base + 1, base + 2)),
        weekly(2, "13:30", "17:00", (base + 1, base + 3)),
        weekly(3 + shift, "09:00", "12:00", (base + 1, base + 2, *far), interval=1 + agent % 2),
    ]


def absences_of(today: date, rng: random.Random) -> list[AbsenceFields]:
    full = (clock_time(0, 0), clock_time(23, 59))
    found = [
        AbsenceFields(
            a, "Congé", today - timedelta(days=3), full[0], today + timedelta(days=LEAVE_DAYS), full[1]
        )
        for a in FAR_AGENTS
    ]
    while len(found) < ABSENCES:
        agent, day = rng.randint(1, ORGS * AGENTS_PER_ORG), today + timedelta(days=rng.randint(0, 180))
        if len(found) % 3 == 0:
            rule = Recurrence("week", 1, until=day + timedelta(days=rng.choice((28, 56, 84))))
            found.append(AbsenceFields(agent, "Réunion", day, clock_time(14), day, clock_time(16), rule))
        else:
            last = day + timedelta(days=rng.choice((0, 0, 1, 4)))
            found.append(AbsenceFields(agent, "Formation", day, full[0], last, full[1]))
    return found


def rdv_rows(plages: list[PlageRecord], today: date, rng: random.Random) -> tuple[list[dict], list[dict]]:
    rdvs, busy, taken, rdv_id = [], [], set(), 0
    occurrences = {
        p.id: expand_days(p.rrule, p.fields.first_day, today + timedelta(days=1), today + timedelta(days=182))
        for p in plages
    }
    while rdv_id < RDVS:
        plage = rng.choice(plages)
        days = occurrences[plage.id]
        if not days:
            continue
        day, minutes = rng.choice(days), rng.choice((30, 30, 45))
        start = datetime.combine(day, plage.fields.start_time, PARIS) + timedelta(
            minutes=15 * rng.randint(0, 8)
        )
        end = start + timedelta(minutes=minutes)
        quarters = {
            (plage.fields.agent_id, int(start.timestamp()) // 900 + q) for q in range(minutes // 15 + 1)
        }
        if end > datetime.combine(day, plage.fields.end_time, PARIS) or quarters & taken:
            continue
        taken |= quarters
        rdv_id += 1
        rdvs.append(
            {
                "id": rdv_id,
                "version": 1,
                "organisation_id": plage.fields.organisation_id,
                "motif_id": plage.fields.motif_ids[0],
                "lieu_id": plage.fields.lieu_id,
                "starts_at": start,
                "ends_at": end,
                "status": "unknown",
                "collectif": False,
                "max_participants_count": None,
                "users_count": 1,
                "agent_ids": [plage.fields.agent_id],
            }
        )
        busy.append(
            {"rdv_id": rdv_id, "agent_id": plage.fields.agent_id, "during": Range(start, end, bounds="[)")}
        )
    return rdvs, busy


async def seed(url: str) -> dict[str, int]:
    rng, today, now = random.Random(7), datetime.now(PARIS).date(), datetime.now(UTC)
    database = build_database(AvailabilitySettings(database_url=url, environment="test"))
    async with database.sessions() as session, session.begin():
        for state in directory_states():
            event = envelope(state, aggregate_id=state.id, organisation_id=None)  # type: ignore[attr-defined]
            await update_copy(SqlCopies(session), KIND_OF_TOPIC[spec_for(event.event_type).topic.name], event)
        plages, repo = [], SqlPlages(session)
        for agent in range(1, ORGS * AGENTS_PER_ORG + 1):
            for fields in plages_of(agent, today, rng):
                record = PlageRecord(fields, "Europe/Paris", f"plage_{uuid.uuid4()}@bench", now, now)
                plages.append(await repo.add(record))
        for fields in absences_of(today, rng):
            await SqlAbsences(session).add(
                AbsenceRecord(fields, "Europe/Paris", f"abs_{uuid.uuid4()}", now, now)
            )
        rdvs, busy = rdv_rows(plages, today, rng)
        await session.execute(insert(tables.rdvs), rdvs)
        await session.execute(insert(tables.rdv_busy), busy)
        await session.execute(text("UPDATE catalog_version SET version = version + 1"))
    async with database.engine.begin() as conn:
        await conn.execute(text("ANALYZE"))
    await database.engine.dispose()
    return {"agents": ORGS * AGENTS_PER_ORG, "plages": len(plages), "rdvs": len(rdvs), "absences": ABSENCES}


def requests(kind: str, count: int, today: date) -> list[dict[str, object]]:
    rng = random.Random(kind)
    if kind == "next":
        return [{"motif_id": FAR_MOTIF}] * count
    span = 6 if kind == "public" else 27
    firsts = [today + timedelta(days=rng.randint(1, 55)) for _ in range(count)]
    return [{"motif_id": MOTIF, "from": str(f), "to": str(f + timedelta(days=span))} for f in firsts]


def summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


def rss_mb() -> dict[str, float]:
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {
        name: round(int(status[key].split()[0]) / 1024, 1)
        for name, key in (("rss_mb", "VmRSS"), ("peak_rss_mb", "VmHWM"))
    }


def answer_of(kind: str, body: dict) -> object:
    if kind == "public":
        return sorted((s["lieu_id"], s["starts_at"]) for day in body["days"] for s in day["slots"])
    if kind == "agent":
        return sorted(
            (lieu["lieu_id"], s["starts_at"], a)
            for day in body["days"]
            for lieu in day["lieux"]
            for s in lieu["slots"]
            for a in s["agent_ids"]
        )
    return body["next_availability"]["starts_at"]


async def service_figures(url: str) -> dict[str, object]:
    """Runs in the child process: the service's app and nothing else of this benchmark."""
    key = generate_rsa_key("bench")
    jwks = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=jwks_document([key])))
    )
    settings = AvailabilitySettings(database_url=url, environment="test", jwks_url="http://jwks.bench/")
    app = build_app(settings, overrides=Overrides(http=jwks))
    claims = {"sub": "agent:1", "orgs": [{"id": 1, "level": "admin"}], "services": [1]}
    headers = {"Authorization": "Bearer " + sign(claims, key, "rdv-directory", "rdv-platform", 3600)}
    paths = {
        "public": "/api/v1/public/slots",
        "agent": "/api/v1/slots/search",
        "next": "/api/v1/public/next_availability",
    }
    figures: dict[str, object] = {"answers": {}}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://bench") as client:
        for kind, count in RUNS["service"].items():
            timings, cpu = [], []
            for n, params in enumerate(requests(kind, count + 10, datetime.now(PARIS).date())):
                started, cpu_started = time.perf_counter(), time.process_time()
                response = await client.get(paths[kind], params=params, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                cpu_ms = (time.process_time() - cpu_started) * 1000
                response.raise_for_status()
                if n == 0:
                    figures[f"{kind}_first_ms"] = round(elapsed, 2)
                    figures["answers"][kind] = answer_of(kind, response.json())  # type: ignore[index]
                if n >= 10:  # the first ten warm the process up
                    timings.append(elapsed)
                    cpu.append(cpu_ms)
            figures[kind] = summary(timings)
            figures[f"{kind}_cpu"] = summary(cpu)
    return {**figures, **rss_mb()}


class Baseline:
    """Reference §2.2/§2.6, written plainly: SQL per request, two queries per plage occurrence."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool, self.holidays = pool, FrenchHolidays()

    async def slots(self, motif_id: int, first: date, last: date, public: bool, now: int) -> list[tuple]:
        motif = await self.pool.fetchrow("SELECT * FROM motifs WHERE id = $1", motif_id)
        not_before = now + motif["min_public_booking_delay"] if public else now
        if public:
            last = min(last, datetime.fromtimestamp(now + motif["max_public_booking_delay"], PARIS).date())
        plages = await self.pool.fetch(
            "SELECT p.* FROM plages_ouverture p JOIN agents a ON a.id = p.agent_id AND a.active "
            "JOIN lieux l ON l.id = p.lieu_id AND l.enabled "
            "WHERE $1 = ANY(p.motif_ids) AND p.first_day <= $3 "
            "AND (p.rrule IS NULL AND p.first_day >= $2 OR p.rrule IS NOT NULL "
            "AND (p.recurrence_ends_on IS NULL OR p.recurrence_ends_on >= $2))",
            motif_id,
            first,
            last,
        )
        duration, found = motif["duration_in_min"] * 60, []
        for plage in plages:
            days = (
                expand_days(plage["rrule"], plage["first_day"], first, last)
                if plage["rrule"]
                else [plage["first_day"]]
            )
            for day in days:
                if day.weekday() == 6 or self.holidays.is_holiday(None, day):
                    continue
                start = int(datetime.combine(day, plage["start_time"], PARIS).timestamp())
                end = int(datetime.combine(day, plage["end_time"], PARIS).timestamp())
                if end <= now:
                    continue
                busy = await self.busy(plage["agent_id"], day, start, end)
                for free_start, free_end in subtract(start, end, busy):
                    slot = free_start if free_start >= now else -(-now // 300) * 300
                    while slot + duration <= free_end:
                        if slot >= not_before:
                            found.append((plage["lieu_id"], slot, plage["agent_id"]))
                        slot += duration
        return found

    async def busy(self, agent_id: int, day: date, start: int, end: int) -> list[tuple[int, int]]:
        absences, rdvs = await asyncio.gather(
            self.pool.fetch(
                "SELECT * FROM absences WHERE agent_id = $1 AND first_day <= $2 AND (end_day >= $2 "
                "OR rrule IS NOT NULL AND (recurrence_ends_on IS NULL OR recurrence_ends_on >= $2))",
                agent_id,
                day,
            ),
            self.pool.fetch(
                "SELECT extract(epoch FROM lower(during))::bigint, extract(epoch FROM upper(during))::bigint "
                "FROM rdv_busy WHERE agent_id = $1 "
                "AND during && tstzrange(to_timestamp($2), to_timestamp($3))",
                agent_id,
                start,
                end,
            ),
        )
        intervals = [(r[0], r[1]) for r in rdvs]
        for absence in absences:
            zone = ZoneInfo(absence["time_zone"])
            if absence["rrule"] is None:
                intervals.append(
                    (
                        int(datetime.combine(absence["first_day"], absence["start_time"], zone).timestamp()),
                        int(datetime.combine(absence["end_day"], absence["end_time"], zone).timestamp()),
                    )
                )
            elif expand_days(absence["rrule"], absence["first_day"], day, day):
                intervals.append(
                    (
                        int(datetime.combine(day, absence["start_time"], zone).timestamp()),
                        int(datetime.combine(day, absence["end_time"], zone).timestamp()),
                    )
                )
        return sorted(intervals)

    async def next_availability(self, motif_id: int, today: date, now: int) -> tuple | None:
        for week in range(27):
            first = today + timedelta(days=7 * week)
            found = await self.slots(motif_id, first, first + timedelta(days=6), True, now)
            if found:
                return min(found, key=lambda s: s[1])
        return None


def subtract(start: int, end: int, busy: list[tuple[int, int]]) -> list[tuple[int, int]]:
    free, cursor = [], start
    for busy_start, busy_end in busy:
        if busy_end <= cursor or busy_start >= end:
            continue
        if busy_start > cursor:
            free.append((cursor, busy_start))
        cursor = max(cursor, busy_end)
    return free + ([(cursor, end)] if cursor < end else [])


def local(instant: int) -> str:
    return datetime.fromtimestamp(instant, PARIS).isoformat()


def baseline_answer(kind: str, found: list[tuple] | tuple | None) -> object:
    if kind == "next":
        return local(found[1]) if found else None  # type: ignore[index]
    if kind == "public":
        return sorted({(lieu, local(slot)) for lieu, slot, _ in found})  # type: ignore[union-attr]
    return sorted({(lieu, local(slot), agent) for lieu, slot, agent in found})  # type: ignore[union-attr]


async def baseline_figures(dsn: str) -> dict[str, object]:
    pool = await asyncpg.create_pool(dsn, min_size=2, max_size=2)
    baseline, figures, answers = Baseline(pool), {}, {}
    try:
        for kind, count in RUNS["baseline"].items():
            timings = []
            today = datetime.now(PARIS).date()
            for n, params in enumerate(requests(kind, count + 1, today)):
                now, started = int(time.time()), time.perf_counter()
                if kind == "next":
                    found = await baseline.next_availability(FAR_MOTIF, today, now)
                else:
                    first, last = (date.fromisoformat(str(params[bound])) for bound in ("from", "to"))
                    found = await baseline.slots(MOTIF, first, last, kind == "public", now)
                elapsed = (time.perf_counter() - started) * 1000
                if n == 0:
                    answers[kind] = baseline_answer(kind, found)
                else:
                    timings.append(elapsed)
            figures[kind] = summary(timings)
    finally:
        await pool.close()
    return {**figures, "answers": answers}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


async def run(pg: str) -> dict[str, object]:
    name = f"bench_availability_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"{pg}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{pg.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
    try:
        await upgrade_head(ROOT / "services/availability/alembic.ini", url)
        load_before, started = load_average(), time.perf_counter()
        data = await seed(url)
        data["seed_seconds"] = round(time.perf_counter() - started, 1)
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as child:
            service = await asyncio.get_running_loop().run_in_executor(child, _in_child, url)
        baseline = await baseline_figures(f"{pg}/{name}")
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    same = {k: service["answers"][k] == baseline["answers"][k] for k in RUNS["service"]}  # type: ignore[index]
    speedup = {k: round(baseline[k]["p50_ms"] / service[k]["p50_ms"], 1) for k in RUNS["service"]}  # type: ignore[index]
    figures = {
        "public_p95_ms": service["public"]["p95_ms"],
        "agent_p95_ms": service["agent"]["p95_ms"],  # type: ignore[index]
        "next_p95_ms": service["next"]["p95_ms"],
        "rss_mb": service["peak_rss_mb"],
        "speedup": min(speedup.values()),
    }  # type: ignore[index]
    passed = {k: (v >= TARGETS[k] if k == "speedup" else v < TARGETS[k]) for k, v in figures.items()}
    service.pop("answers")  # type: ignore[union-attr]
    baseline.pop("answers")
    return {
        "benchmark": "availability_slots",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "data": data,
        "service": service,
        "baseline": baseline,
        "speedup_p50": speedup,
        "same_answers_as_baseline": same,
        "targets": TARGETS,
        "figures": figures,
        "passed": passed,
    }


def _in_child(url: str) -> dict[str, object]:
    return asyncio.run(service_figures(url))


def markdown(report: dict) -> str:
    s, b, up, machine = report["service"], report["baseline"], report["speedup_p50"], report["machine"]
    lines = [
        "# availability_slots",
        "",
        f"{report['at']}, {machine['cpus']} CPUs, load average {machine['load_average_before']} → "
        f"{machine['load_average_after']} (shared machine). Data: {report['data']}.",
        "",
        "| request | service p50 | service p95 | service CPU p50 | baseline p50 | baseline p95 "
        "| speed-up (p50) | same answer |",
        "|---|---|---|---|---|---|---|---|",
    ]
    names = {
        "public": "public search, 7 days, 50 agents",
        "agent": "agent search, 28 days, 50 agents",
        "next": "next availability, 5 months away",
    }
    for kind, label in names.items():
        lines.append(
            f"| {label} | {s[kind]['p50_ms']} ms | {s[kind]['p95_ms']} ms | {s[kind + '_cpu']['p50_ms']} ms "
            f"| {b[kind]['p50_ms']} ms | "
            f"{b[kind]['p95_ms']} ms | {up[kind]}× | {report['same_answers_as_baseline'][kind]} |"
        )
    lines += [
        "",
        f"Service process memory: {s['rss_mb']} MB resident, peak {s['peak_rss_mb']} MB.",
        "",
        "| target | value | passed |",
        "|---|---|---|",
    ]
    lines += [
        f"| {k} < {report['targets'][k]} | {v} | {report['passed'][k]} |".replace("speedup <", "speedup ≥")
        for k, v in report["figures"].items()
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=False)
    parser.add_argument("--out", default="bench/results")
    args = parser.parse_args()
    report = asyncio.run(run(args.pg.rstrip("/")))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "availability_slots.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (out / "availability_slots.md").write_text(markdown(report))
    sys.stdout.write(markdown(report))
    return 0 if all(report["passed"].values()) and all(report["same_answers_as_baseline"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
