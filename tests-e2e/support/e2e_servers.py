"""Loopback servers the running system talks to: a webhook receiver and a CalDAV server (Radicale)."""

import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

CALDAV_USER = "agent"
CALDAV_PASSWORD = "caldav-e2e-password"


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class WebhookReceiver:
    """Answers 200 to every POST and keeps it."""

    server: ThreadingHTTPServer
    requests: list[ReceivedRequest] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_webhook_receiver() -> WebhookReceiver:
    received: list[ReceivedRequest] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append(ReceivedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return WebhookReceiver(server, received)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Radicale:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _client(self) -> httpx.Client:
        return httpx.Client(auth=(CALDAV_USER, CALDAV_PASSWORD), timeout=10)

    def new_calendar(self) -> str:
        url = f"{self.base}/{CALDAV_USER}/{uuid.uuid4().hex}/"
        body = (
            '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:set><D:prop><D:displayname>RDV</D:displayname></D:prop></D:set></C:mkcalendar>"
        )
        with self._client() as client:
            client.request("MKCALENDAR", url, content=body).raise_for_status()
        return url

    def events(self, calendar_url: str) -> dict[str, str]:
        """Resource name → ICS text of every event in the calendar."""
        with self._client() as client:
            listing = client.request("PROPFIND", calendar_url, headers={"Depth": "1"})
            names = {
                href.split("<")[0].rsplit("/", 1)[-1]
                for href in listing.text.split("href>")
                if ".ics<" in href
            }
            found = {}
            for name in names:
                response = client.get(calendar_url + name)
                if response.status_code == 200:
                    found[name] = response.text
            return found

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_radicale(folder: Path) -> Radicale:
    port = free_port()
    (folder / "users").write_text(f"{CALDAV_USER}:{CALDAV_PASSWORD}\n")
    command = [
        *(sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}"),
        *("--auth-type", "htpasswd", "--auth-htpasswd-filename", str(folder / "users")),
        *("--auth-htpasswd-encryption", "plain", "--rights-type", "owner_only"),
        *("--storage-filesystem-folder", str(folder / "collections")),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return Radicale(process, port)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("radicale did not start")
