"""The running system seen from outside: its processes, PostgreSQL and Kafka, as `make test` starts them."""

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("directory", "availability", "booking", "notifications", "calendar-sync")


class System:
    def __init__(self) -> None:
        self.state_dir = Path(os.environ["RDV_STATE_DIR"])
        self.base_url = os.environ["RDV_E2E_BASE_URL"]
        self.kafka = f"127.0.0.1:{os.environ['RDV_KAFKA_PORT']}"
        self.pg = f"postgresql://postgres@127.0.0.1:{os.environ['RDV_PG_PORT']}"

    def dsn(self, database: str) -> str:
        return f"{self.pg}/{database}"

    def script(self, name: str, *args: str) -> None:
        command = [str(ROOT / "deploy/local" / name), *args]
        subprocess.run(command, check=True, timeout=120, capture_output=True)

    def pid(self, process: str) -> int:
        return int((self.state_dir / "pids" / f"{process}.pid").read_text())

    def kill(self, process: str) -> int:
        pid = self.pid(process)
        os.killpg(pid, signal.SIGKILL)
        return pid

    def supervisor(self, action: str, process: str) -> None:
        command = [str(ROOT / ".venv/bin/python"), str(ROOT / "deploy/local/supervisor.py"), action, process]
        subprocess.run(command, check=True, timeout=60, capture_output=True)

    async def wait_restarted(self, process: str, old_pid: int, timeout: float = 30) -> float:
        """Seconds until the supervisor has started a new `process` and it answers its readiness."""
        started = time.monotonic()
        pids = self.state_dir / "pids" / f"{process}.pid"
        while not (pids.exists() and pids.read_text().strip() and int(pids.read_text()) != old_pid):
            assert time.monotonic() - started < timeout, f"{process} not restarted after {timeout} s"
            await asyncio.sleep(0.1)
        await self.wait_worker_ready(process, timeout - (time.monotonic() - started))
        return time.monotonic() - started

    async def wait_worker_ready(self, process: str, timeout: float = 30) -> None:
        service = process.removesuffix("-worker").replace("-", "_").upper()
        url = f"http://127.0.0.1:{os.environ[f'RDV_{service}_WORKER_PORT']}/health/ready"
        await wait_http_ok(url, timeout)

    async def wait_ready(self, timeout: float = 60) -> None:
        for service in SERVICES:
            await wait_http_ok(f"{self.base_url}/health/{service}/ready", timeout)


async def wait_http_ok(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"{url} not ready after {timeout:.0f} s"
            await asyncio.sleep(0.3)
