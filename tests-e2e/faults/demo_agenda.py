"""Extra opening hours for the fault tests' bookings, made by the demo Mairie's admin through the API."""

from datetime import date, timedelta

import httpx

ADMIN = {"email": "admin.mairie@demo.rdv-solidarites.example", "password": "Rdv-Demo-2026!"}
MAIRIE, LIEU, VACCINATION = 1, 1, 2
PMI_AGENTS_HOURS = ((4, "17:00", "21:00"), (5, "07:00", "09:00"))
"""Demo agents pmi.1 and pmi.2, outside their demo plages."""
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


async def admin_headers(client: httpx.AsyncClient) -> dict[str, str]:
    signed_in = await client.post("/api/v1/auth/sign_in", json=ADMIN)
    assert signed_in.status_code == 200, signed_in.text
    return {"Authorization": f"Bearer {signed_in.json()['access_token']}"}


async def open_evening_plages(client: httpx.AsyncClient) -> None:
    headers = await admin_headers(client)
    for agent_id, start, end in PMI_AGENTS_HOURS:
        body = {
            "agent_id": agent_id,
            "organisation_id": MAIRIE,
            "title": "Créneaux des tests de pannes",
            "first_day": (date.today() + timedelta(days=1)).isoformat(),
            "start_time": start,
            "end_time": end,
            "motif_ids": [VACCINATION],
            "lieu_id": LIEU,
            "recurrence": {"every": "week", "on": WEEKDAYS},
        }
        created = await client.post("/api/v1/plage_ouvertures", json=body, headers=headers)
        assert created.status_code == 201, created.text
