"""Capacity of the whole system through the gateway: the highest request rate held with p99 < 500 ms
and no errors, under a realistic mix (bench/capacity_locustfile.py), with CPU and memory per process.

Run by `deploy/local/bench.sh capacity` (`make bench`), which starts the system as `make run` does
(demo data included) and passes it through RDV_BENCH_GATEWAY_URL and RDV_STATE_DIR. Steps of
STEP_SECONDS at rising rates; the first step missing a target ends the run.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil

MIX = (
    "50 % slot searches, 10 % motif lists, 20 % prescripteur bookings, 15 % agent RDV lists, "
    "5 % agent cancellations"
)
RATES = (5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80, 100, 130, 160, 200)
STEP_SECONDS, WARM_UP_SECONDS, P99_TARGET_MS, SAMPLE_EVERY = 30, 15, 500, 2.0
HERE = Path(__file__).resolve().parent
ADMIN = {"email": "admin.mairie@demo.rdv-solidarites.example", "password": "Rdv-Demo-2026!"}


def prepare(gateway: str) -> str:
    """Long opening hours for the booked motif; returns the admin's token for the agent tasks."""
    with httpx.Client(base_url=gateway, timeout=30) as client:
        signed_in = client.post("/api/v1/auth/sign_in", json=ADMIN)
        signed_in.raise_for_status()
        token = signed_in.json()["access_token"]
        for agent_id in (4, 5):
            plage = {
                "agent_id": agent_id,
                "organisation_id": 1,
                "title": "Créneaux du banc de capacité",
                "first_day": (date.today() + timedelta(days=1)).isoformat(),
                "start_time": "06:00",
                "end_time": "22:00",
                "motif_ids": [2],
                "lieu_id": 1,
                "recurrence": {
                    "every": "week",
                    "on": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                },
            }
            client.post("/api/v1/plage_ouvertures", json=plage, headers={"Authorization": f"Bearer {token}"})
        return token


def processes(state_dir: Path) -> dict[str, psutil.Process]:
    found = {p.stem: psutil.Process(int(p.read_text())) for p in (state_dir / "pids").glob("*.pid")}
    kafka_pid = state_dir / "kafka" / "kafka.pid"
    if kafka_pid.exists():
        found["kafka"] = psutil.Process(int(kafka_pid.read_text()))
    found["postgresql"] = next(
        p for p in psutil.process_iter(["name", "cmdline"]) if is_our_postgres(p, state_dir)
    )
    return found


def is_our_postgres(process: psutil.Process, state_dir: Path) -> bool:
    cmdline = " ".join(process.info["cmdline"] or [])
    return process.info["name"] == "postgres" and f"-p {os.environ['RDV_PG_PORT']}" in cmdline


def tree(process: psutil.Process) -> list[psutil.Process]:
    """The process and its children (PostgreSQL's backends come and go while they are listed)."""
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return [process]


def proportional_memory(process: psutil.Process) -> int:
    """PSS: shared pages (PostgreSQL's shared buffers) split among the processes sharing them."""
    try:
        return int(process.memory_full_info().pss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


class Sampler(threading.Thread):
    """CPU (% of one core, averaged) and peak PSS memory (MB) per process, its children included."""

    def __init__(self, watched: dict[str, psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.watched, self.stop_event = watched, threading.Event()
        self.cpu: dict[str, list[float]] = {name: [] for name in watched}
        self.rss: dict[str, float] = dict.fromkeys(watched, 0.0)

    def run(self) -> None:
        last = {name: self.cpu_seconds(p) for name, p in self.watched.items()}
        while not self.stop_event.wait(SAMPLE_EVERY):
            for name, process in self.watched.items():
                now = self.cpu_seconds(process)
                self.cpu[name].append(100 * (now - last[name]) / SAMPLE_EVERY)
                last[name] = now
                rss = sum(proportional_memory(p) for p in tree(process)) / 2**20
                self.rss[name] = max(self.rss[name], rss)

    @staticmethod
    def cpu_seconds(process: psutil.Process) -> float:
        total = 0.0
        for p in tree(process):
            try:
                times = p.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            name: {"cpu_percent": round(sum(v) / len(v), 1) if v else 0.0, "rss_mb": round(self.rss[name], 1)}
            for name, v in self.cpu.items()
        }


def run_step(
    gateway: str, rate: int, token: str, system: dict[str, psutil.Process], seconds: int = STEP_SECONDS
) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        prefix = f"{scratch}/step"
        command = [
            sys.executable, "-m", "locust", "-f", str(HERE / "capacity_locustfile.py"), "--headless",
            "--host", gateway, "-u", str(rate), "-r", str(max(rate // 2, 1)), "-t", f"{seconds}s",
            "--csv", prefix, "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        if shutil.which("taskset"):
            command = ["taskset", "-c", "1", *command]
        environment = {**os.environ, "RDV_BENCH_AGENT_TOKEN": token}
        locust = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sampler = Sampler({**system, "locust (load generator)": psutil.Process(locust.pid)})
        sampler.start()
        _, errors = locust.communicate(timeout=seconds + 60)
        sampler.stop_event.set()
        sampler.join()
        with open(f"{prefix}_stats.csv") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
        with open(f"{prefix}_failures.csv") as failed:
            failures = [
                {"request": f"{f['Method']} {f['Name']}", "error": f["Error"], "count": int(f["Occurrences"])}
                for f in csv.DictReader(failed)
            ]
    if "Aggregated" not in rows:
        raise RuntimeError(f"locust wrote no statistics: {errors.decode()[-2000:]}")
    total = rows.pop("Aggregated")
    step: dict[str, Any] = {
        "target_rps": rate,
        "achieved_rps": round(float(total["Requests/s"]), 1),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "by_request": {
            name: {
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p99_ms": float(r["99%"]),
            }
            for name, r in rows.items()
        },
        "failure_kinds": failures,
        "processes": sampler.summary(),
    }
    step["held"] = (
        step["failures"] == 0 and step["p99_ms"] < P99_TARGET_MS and step["achieved_rps"] >= 0.85 * rate
    )
    return step


def markdown(result: dict) -> str:
    lines = [
        "# Capacity through the gateway",
        "",
        f"Highest rate held (p99 < {P99_TARGET_MS} ms, no errors): **{result['max_held_rps']} req/s**.",
        f"Mix: {result['mix']}. Reproduce: `{result['command']}`.",
        f"Machine: {result['machine']}.",
        "",
        "| target req/s | achieved | requests | failures | p50 ms | p95 ms | p99 ms | held |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in result["steps"]:
        lines.append(
            f"| {s['target_rps']} | {s['achieved_rps']} | {s['requests']} | {s['failures']} "
            f"| {s['p50_ms']:.0f} | {s['p95_ms']:.0f} | {s['p99_ms']:.0f} | {'yes' if s['held'] else 'no'} |"
        )
    failures = [(s["target_rps"], f) for s in result["steps"] for f in s["failure_kinds"]]
    if failures:
        lines += ["", "Failures:", ""]
        lines += [f"- at {rate} req/s, {f['count']} × {f['request']}: {f['error']}" for rate, f in failures]
    last = result["steps"][-1]
    lines += [
        "",
        f"CPU (% of one core) and peak memory per process at the last step ({last['target_rps']} req/s):",
        "",
    ]
    lines += ["| process | CPU % | memory MB (PSS, peak) |", "|---|---|---|"]
    for name, figures in sorted(last["processes"].items(), key=lambda item: -item[1]["cpu_percent"]):
        lines.append(f"| {name} | {figures['cpu_percent']} | {figures['rss_mb']} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    gateway, state_dir = os.environ.get("RDV_BENCH_GATEWAY_URL"), os.environ.get("RDV_STATE_DIR")
    if not gateway or not state_dir:
        print(
            "capacity: run through `deploy/local/bench.sh capacity`, which starts the system", file=sys.stderr
        )
        return 2
    load_before = os.getloadavg()[0]
    token = prepare(gateway)
    system = processes(Path(state_dir))
    run_step(gateway, RATES[0], token, system, seconds=WARM_UP_SECONDS)  # pools, caches: not measured
    steps = []
    for rate in RATES:
        steps.append(run_step(gateway, rate, token, system))
        print(f"capacity: {rate} req/s -> p99 {steps[-1]['p99_ms']:.0f} ms, {steps[-1]['failures']} failures")
        if not steps[-1]["held"]:
            break
    held = [s["target_rps"] for s in steps if s["held"]]
    result = {
        "max_held_rps": max(held, default=0),
        "p99_target_ms": P99_TARGET_MS,
        "step_seconds": STEP_SECONDS,
        "mix": MIX,
        "command": "deploy/local/bench.sh capacity",
        "machine": f"{psutil.cpu_count()} cores, load average {load_before:.1f} before the run "
        f"and {os.getloadavg()[0]:.1f} at its end (other work on the machine counts)",
        "steps": steps,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "capacity.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "capacity.md").write_text(markdown(result))
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
