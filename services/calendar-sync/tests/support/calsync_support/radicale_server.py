"""A real CalDAV server (Radicale) on loopback, started for the tests."""

import asyncio
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

PASSWORD = "app-password-123"


@dataclass
class Radicale:
    process: asyncio.subprocess.Process
    port: int
    folder: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def new_calendar(self, user: str = "agent") -> str:
        url = f"{self.base}/{user}/{uuid.uuid4().hex}/"
        body = (
            '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:set><D:prop><D:displayname>RDV</D:displayname></D:prop></D:set></C:mkcalendar>"
        )
        async with httpx.AsyncClient(auth=(user, PASSWORD)) as client:
            response = await client.request("MKCALENDAR", url, content=body)
            response.raise_for_status()
        return url

    async def events(self, calendar_url: str, user: str = "agent") -> dict[str, str]:
        """Resource name → ICS text of every event in the calendar."""
        async with httpx.AsyncClient(auth=(user, PASSWORD)) as client:
            listing = await client.request("PROPFIND", calendar_url, headers={"Depth": "1"})
            names = [
                part.split("</")[0].rsplit("/", 1)[-1]
                for part in listing.text.split("href>")
                if part.rstrip("</D:").endswith(".ics") or ".ics<" in part
            ]
            found = {}
            for name in {n for n in names if n.endswith(".ics")}:
                response = await client.get(calendar_url + name)
                if response.status_code == 200:
                    found[name] = response.text
            return found

    async def stop(self) -> None:
        self.process.terminate()
        await self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def set_password(folder: Path, password: str) -> None:
    (folder / "users").write_text(f"agent:{password}\nother:{password}\n")


async def start_radicale(folder: Path, port: int | None = None) -> Radicale:
    port = port or _free_port()
    if not (folder / "users").exists():
        set_password(folder, PASSWORD)
    command = [
        *(sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}"),
        *("--auth-type", "htpasswd", "--auth-htpasswd-filename", str(folder / "users")),
        *("--auth-htpasswd-encryption", "plain", "--rights-type", "owner_only"),
        *("--storage-filesystem-folder", str(folder / "collections")),
    ]
    process = await asyncio.create_subprocess_exec(
        *command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return Radicale(process, port, folder)
        except OSError:
            await asyncio.sleep(0.1)
    process.kill()
    raise RuntimeError("radicale did not start")
