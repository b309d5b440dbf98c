"""A stream of public (prescripteur) bookings at a fixed rate, each with its own e-mail addresses."""

import asyncio
import contextlib
import itertools
import secrets
import time
from dataclasses import dataclass
from datetime import date, timedelta

import httpx

MOTIF = 2
"""Vaccination at the demo Mairie, bookable by prescripteurs; searched from day 20 on (the other e2e
tests book nearer) until the end of its booking window."""


@dataclass(frozen=True)
class Slot:
    motif_id: int
    lieu_id: int | None
    starts_at: str


@dataclass
class Attempt:
    tag: str
    status: int | None
    seconds: float
    started: float = 0.0
    """time.monotonic() when it was sent."""
    rdv_id: int | None = None
    uuid: str | None = None
    agent_ids: tuple[int, ...] = ()

    @property
    def beneficiary(self) -> str:
        return beneficiary_email(self.tag)


def beneficiary_email(tag: str) -> str:
    return f"beneficiaire-{tag}@faults.example"


class SlotPool:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.free: list[Slot] = []

    async def fill(self) -> None:
        today = date.today()
        for start in (20, 50, 80):
            params: dict[str, str | int] = {
                "motif_id": MOTIF,
                "from": (today + timedelta(days=start)).isoformat(),
                "to": (today + timedelta(days=start + 29)).isoformat(),
                "prescripteur": "true",
            }
            found = (await self.client.get("/api/v1/public/slots", params=params)).json()
            for day in found.get("days", []):
                self.free += [Slot(MOTIF, s["lieu_id"], s["starts_at"]) for s in day["slots"]]

    def take(self) -> Slot:
        assert self.free, "no bookable demo slot left"
        return self.free.pop()


class BookingStream:
    def __init__(self, client: httpx.AsyncClient, pool: SlotPool, name: str) -> None:
        self.client, self.pool = client, pool
        self.name = f"{name}-{secrets.token_hex(3)}"
        self.attempts: list[Attempt] = []
        self.counter = itertools.count(1)

    async def run(self, rate: float, seconds: float) -> list[Attempt]:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(seconds, stop.set)
        return await self.run_until(rate, stop)

    async def run_until(self, rate: float, stop: asyncio.Event) -> list[Attempt]:
        tasks = []
        started = time.monotonic()
        while not stop.is_set():
            tasks.append(asyncio.create_task(self.book_one()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), started + len(tasks) / rate - time.monotonic())
        return list(await asyncio.gather(*tasks))

    async def book_one(self) -> Attempt:
        while True:
            attempt = await self.try_slot(self.pool.take())
            if attempt.status != 409:
                self.attempts.append(attempt)
                return attempt

    async def try_slot(self, slot: Slot) -> Attempt:
        tag = f"{self.name}-{next(self.counter)}"
        body = {
            "motif_id": slot.motif_id,
            "lieu_id": slot.lieu_id,
            "starts_at": slot.starts_at,
            "prescripteur": {"first_name": "Prescriptrice", "last_name": "Test", "email": f"{tag}@p.example"},
            "beneficiary": {"first_name": "Camille", "last_name": "Martin", "email": beneficiary_email(tag)},
        }
        started = time.monotonic()
        try:
            response = await self.client.post("/api/v1/public/prescripteur/rdvs", json=body)
        except httpx.HTTPError:
            return Attempt(tag, None, time.monotonic() - started, started)
        attempt = Attempt(tag, response.status_code, time.monotonic() - started, started)
        if response.status_code == 201:
            rdv = response.json()["rdv"]
            attempt.rdv_id, attempt.uuid, attempt.agent_ids = rdv["id"], rdv["uuid"], tuple(rdv["agent_ids"])
        return attempt


def accepted(attempts: list[Attempt]) -> list[Attempt]:
    return [a for a in attempts if a.status == 201]
