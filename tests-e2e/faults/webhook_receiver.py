"""A webhook receiver on loopback that can be down (answers 503) or up, and keeps every attempt.

It serves from a thread of its own, so it answers while the tests' event loop is idle or blocked.
"""

import asyncio
import json
import threading
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True)
class Received:
    webhook_id: str
    model: str
    event: str
    object_id: int
    answered: int


@dataclass
class WebhookReceiver:
    up: bool = True
    attempts: list[Received] = field(default_factory=list)
    runner: web.AppRunner | None = None
    port: int = 0
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)

    def start_in_thread(self) -> str:
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        return asyncio.run_coroutine_threadsafe(self.start(), self.loop).result(timeout=10)

    def stop_thread(self) -> None:
        asyncio.run_coroutine_threadsafe(self.stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/hook", self.receive)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{self.port}/hook"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def receive(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        status = 200 if self.up else 503
        meta = body["meta"]
        self.attempts.append(
            Received(request.headers["webhook-id"], meta["model"], meta["event"], body["data"]["id"], status)
        )
        return web.Response(status=status)

    def delivered(self, model: str, event: str) -> dict[int, list[str]]:
        """webhook-ids answered 200, by object id."""
        found: dict[int, list[str]] = {}
        for a in self.attempts:
            if a.answered == 200 and (a.model, a.event) == (model, event):
                found.setdefault(a.object_id, []).append(a.webhook_id)
        return found

    def refused(self, model: str, event: str) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        for a in self.attempts:
            if a.answered != 200 and (a.model, a.event) == (model, event):
                found.setdefault(a.object_id, set()).add(a.webhook_id)
        return found
