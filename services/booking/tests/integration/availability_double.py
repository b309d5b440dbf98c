"""A local double of availability's `POST /internal/v1/slots/validate` (docs/conventions.md).

It is not availability: it answers "bookable" with the configured agent and duration unless a test
sets another answer, so that booking's own guard is what the race tests exercise.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import uvicorn
from fastapi import FastAPI


class AvailabilityDouble:
    def __init__(self, agent_id: int, duration_minutes: int = 30) -> None:
        self.agent_id = agent_id
        self.duration = timedelta(minutes=duration_minutes)
        self.refusal: dict[str, str] | None = None
        self.requests: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/internal/v1/slots/validate")(self._validate)

    async def _validate(self, body: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(body)
        if self.refusal is not None:
            return {"bookable": False, **self.refusal}
        starts_at = datetime.fromisoformat(body["starts_at"])
        return {
            "bookable": True,
            "agent_id": self.agent_id,
            "lieu_id": body["lieu_id"],
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + self.duration).isoformat(),
        }


@contextlib.asynccontextmanager
async def served(app: Any) -> AsyncIterator[str]:
    """The app on a free local port, in this event loop: booking calls it over real HTTP."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
