"""Runs every line of a Procfile and restarts what crashes, like systemd's Restart=always would.

Usage:
  supervisor.py run [--procfile deploy/local/Procfile]   start all, until SIGTERM or SIGINT
  supervisor.py stop NAME | start NAME                   hold one process down, then let it run again

Each process runs in its own process group (a SIGKILL of one never reaches the others) and is
restarted after a crash with a backoff (0.5 s doubling to 10 s, reset once it stayed up 10 s). Its
pid is in $RDV_STATE_DIR/pids/NAME.pid; a NAME.hold file there keeps it stopped (`stop`/`start`).
Output lines are prefixed with the time and the process name.
"""

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

MIN_BACKOFF, MAX_BACKOFF, STABLE_AFTER, STOP_GRACE = 0.5, 10.0, 10.0, 10.0


@dataclass
class Program:
    name: str
    command: str
    process: asyncio.subprocess.Process | None = None
    backoff: float = MIN_BACKOFF
    restarts: int = 0
    started_at: float = field(default=0.0)


def read_procfile(path: Path) -> list[Program]:
    programs = []
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            programs.append(Program(name.strip(), command.strip()))
    return programs


def pid_dir() -> Path:
    directory = Path(os.environ.get("RDV_STATE_DIR", ".local/run")) / "pids"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def say(name: str, text: str, width: int = 22) -> None:
    sys.stdout.write(f"{time.strftime('%H:%M:%S')} {name:<{width}} | {text}\n")
    sys.stdout.flush()


def signal_group(process: asyncio.subprocess.Process | None, sig: signal.Signals) -> None:
    if process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)


class Supervisor:
    def __init__(self, programs: list[Program], cwd: Path) -> None:
        self.programs = programs
        self.cwd = cwd
        self.pids = pid_dir()
        self.stopping = asyncio.Event()

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stopping.set)
        watchers = [asyncio.create_task(self.watch(program)) for program in self.programs]
        await self.stopping.wait()
        say("supervisor", "stopping every process")
        for program in self.programs:
            signal_group(program.process, signal.SIGTERM)
        _, late = await asyncio.wait(watchers, timeout=STOP_GRACE)
        for program in self.programs:
            signal_group(program.process, signal.SIGKILL)
        await asyncio.gather(*late, return_exceptions=True)
        return 0

    def held(self, program: Program) -> bool:
        return (self.pids / f"{program.name}.hold").exists()

    async def watch(self, program: Program) -> None:
        while not self.stopping.is_set():
            if self.held(program):
                await asyncio.sleep(0.2)
                continue
            await self.start(program)
            code = await self.wait_exit(program)
            (self.pids / f"{program.name}.pid").unlink(missing_ok=True)
            if self.stopping.is_set():
                return
            program.backoff = (
                MIN_BACKOFF
                if time.monotonic() - program.started_at >= STABLE_AFTER
                else min(program.backoff * 2, MAX_BACKOFF)
            )
            program.restarts += 1
            reason = "held" if self.held(program) else f"restart in {program.backoff:.1f} s"
            say("supervisor", f"{program.name} exited with {code}; {reason}")
            if not self.held(program):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), program.backoff)

    async def start(self, program: Program) -> None:
        program.process = await asyncio.create_subprocess_exec(
            "/bin/sh",
            "-c",
            f"exec {program.command}",
            cwd=self.cwd,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
            limit=1 << 20,
        )
        program.started_at = time.monotonic()
        (self.pids / f"{program.name}.pid").write_text(f"{program.process.pid}\n")
        say("supervisor", f"{program.name} started (pid {program.process.pid})")

    async def wait_exit(self, program: Program) -> int:
        process = program.process
        assert process is not None and process.stdout is not None
        holder = asyncio.create_task(self.stop_when_held(program, process))
        try:
            while line := await process.stdout.readline():
                say(program.name, line.decode(errors="replace").rstrip())
            return await process.wait()
        finally:
            holder.cancel()

    async def stop_when_held(self, program: Program, process: asyncio.subprocess.Process) -> None:
        while not self.held(program):
            await asyncio.sleep(0.2)
        signal_group(process, signal.SIGTERM)
        await asyncio.sleep(STOP_GRACE)
        signal_group(process, signal.SIGKILL)


async def control(name: str, hold: bool, timeout: float = 30) -> int:
    directory = pid_dir()
    marker, pidfile = directory / f"{name}.hold", directory / f"{name}.pid"
    if hold:
        marker.touch()
    else:
        marker.unlink(missing_ok=True)
    deadline = time.monotonic() + timeout
    while pidfile.exists() == hold:
        if time.monotonic() > deadline:
            print(f"{name}: not {'stopped' if hold else 'started'} after {timeout:.0f} s", file=sys.stderr)
            return 1
        await asyncio.sleep(0.1)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("action", choices=["run", "stop", "start"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--procfile", type=Path, default=Path(__file__).with_name("Procfile"))
    args = parser.parse_args()
    if args.action == "run":
        for stale in pid_dir().glob("*.hold"):
            stale.unlink()
        programs = read_procfile(args.procfile)
        return asyncio.run(Supervisor(programs, args.procfile.resolve().parents[2]).run())
    if not args.name:
        parser.error(f"{args.action} needs a process NAME")
    return asyncio.run(control(args.name, hold=args.action == "stop"))


if __name__ == "__main__":
    sys.exit(main())
