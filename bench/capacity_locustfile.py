"""The capacity mix through the gateway (run by bench/capacity.py, one locust process per rate step).

Public visitors search slots (which also feeds the pool of slots to book), list motifs and book as
prescripteurs; the demo Mairie's admin reads and cancels RDVs. Each task is one request, so a user
paced at one task per second is one request per second.
"""

import os
import random
from collections import deque
from datetime import date, timedelta

from locust import FastHttpUser, constant_throughput, task

MOTIF, ORGANISATION = 2, 1
AGENT_HEADERS = {"Authorization": f"Bearer {os.environ.get('RDV_BENCH_AGENT_TOKEN', '')}"}
free_slots: deque[tuple[int | None, str]] = deque(maxlen=5000)
booked: deque[int] = deque(maxlen=5000)


class Visitor(FastHttpUser):
    wait_time = constant_throughput(1)

    @task(50)
    def search_slots(self) -> None:
        start = date.today() + timedelta(days=random.randint(1, 80))
        params = f"motif_id={MOTIF}&from={start}&to={start + timedelta(days=6)}&prescripteur=true"
        with self.client.get(f"/api/v1/public/slots?{params}", name="public slots", catch_response=True) as r:
            if r.status_code == 200:
                days = r.json()["days"]
                free_slots.extend((s["lieu_id"], s["starts_at"]) for day in days for s in day["slots"])

    @task(10)
    def list_motifs(self) -> None:
        self.client.get("/api/v1/public/motifs?territory_id=1&prescripteur=true", name="public motifs")

    @task(20)
    def book(self) -> None:
        if not free_slots:
            return self.search_slots()
        lieu, starts_at = free_slots.popleft() if random.random() < 0.5 else free_slots.pop()
        n = random.getrandbits(48)
        body = {
            "motif_id": MOTIF,
            "lieu_id": lieu,
            "starts_at": starts_at,
            "prescripteur": {
                "first_name": "Bench",
                "last_name": "Prescripteur",
                "email": f"p{n}@bench.example",
            },
            "beneficiary": {"first_name": "Bench", "last_name": "Usager", "email": f"u{n}@bench.example"},
        }
        url = "/api/v1/public/prescripteur/rdvs"
        with self.client.post(url, json=body, name="booking", catch_response=True) as r:
            if r.status_code == 201:
                booked.append(r.json()["rdv"]["id"])
            elif r.status_code == 409:
                r.success()  # the slot was taken meanwhile: an answer, not an error
        return None

    @task(15)
    def agent_reads(self) -> None:
        url = f"/api/v1/organisations/{ORGANISATION}/rdvs?page=1&per_page=20"
        self.client.get(url, headers=AGENT_HEADERS, name="agent rdv list")

    @task(5)
    def cancel(self) -> None:
        if not booked:
            return self.agent_reads()
        url = f"/api/v1/rdvs/{booked.popleft()}/cancel"
        self.client.post(url, headers=AGENT_HEADERS, name="agent cancellation")
        return None
