"""An organisation set up through the API as an admin would: invited agents, a lieu, a motif, a plage."""

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import httpx
from e2e_api import agent_token, bearer, demo_email, eventually

SOCIAL_SERVICE_ID = 2
AGENT_PASSWORD = "Parcours-E2E-2026!"
PAS_DE_CALAIS = 1


@dataclass(frozen=True)
class Agent:
    id: int
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    admin: Agent
    agent: Agent
    lieu_id: int
    motif_id: int
    day: date


def next_working_day(after_days: int) -> date:
    day = date.today() + timedelta(days=after_days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def invitation_token(mailbox: httpx.Client, email: str) -> str:
    def token() -> str | None:
        for message in mailbox.get("/messages", params={"to": email}).json():
            found = re.search(r"invitation\?token=([\w-]+)", message["text"])
            if found:
                return found.group(1)
        return None

    return eventually(token, f"the invitation e-mail to {email}")


def invite_agent(
    gateway: httpx.Client, mailbox: httpx.Client, inviter: dict[str, str], organisation_id: int, level: str
) -> Agent:
    email = f"{level}-{uuid.uuid4().hex[:8]}@e2e.example"
    response = gateway.post(
        f"/api/v1/organisations/{organisation_id}/agents",
        headers=inviter,
        json={
            "email": email,
            "first_name": "Camille",
            "last_name": level.capitalize(),
            "access_level": level,
            "service_ids": [SOCIAL_SERVICE_ID],
        },
    )
    assert response.status_code == 201, response.text
    agent_id = response.json()["agent"]["id"]
    accepted = gateway.post(
        "/api/v1/auth/invitation",
        json={"token": invitation_token(mailbox, email), "password": AGENT_PASSWORD},
    )
    assert accepted.status_code == 204, accepted.text
    return Agent(agent_id, email, agent_token(gateway, email, AGENT_PASSWORD))


def set_up_organisation(gateway: httpx.Client, mailbox: httpx.Client, days_ahead: int = 3) -> Organisation:
    territory_admin = bearer(agent_token(gateway, demo_email("territoire")))
    name = f"Mairie de Parcours {uuid.uuid4().hex[:6]}"
    created = gateway.post(
        "/api/v1/organisations", headers=territory_admin, json={"name": name, "territory_id": PAS_DE_CALAIS}
    )
    assert created.status_code == 201, created.text
    organisation_id = created.json()["organisation"]["id"]
    admin = invite_agent(gateway, mailbox, territory_admin, organisation_id, "admin")
    agent = invite_agent(gateway, mailbox, admin.headers, organisation_id, "basic")
    lieu = gateway.post(
        f"/api/v1/organisations/{organisation_id}/lieux",
        headers=admin.headers,
        json={
            "name": "Maison des solidarités",
            "address": "1 place des Héros, 62000 Arras",
            "latitude": 50.2910,
            "longitude": 2.7775,
        },
    )
    assert lieu.status_code == 201, lieu.text
    motif = gateway.post(
        f"/api/v1/organisations/{organisation_id}/motifs",
        headers=admin.headers,
        json={
            "service_id": SOCIAL_SERVICE_ID,
            "name": "Accompagnement social",
            "default_duration_in_min": 30,
            "bookable_by": "everyone",
            "location_type": "public_office",
        },
    )
    assert motif.status_code == 201, motif.text
    return Organisation(
        organisation_id,
        name,
        admin,
        agent,
        lieu.json()["lieu"]["id"],
        motif.json()["motif"]["id"],
        next_working_day(days_ahead),
    )


def open_plage(gateway: httpx.Client, organisation: Organisation) -> dict:
    """The basic agent opens a morning plage on their own agenda, once availability has its copies of
    the new agent, lieu and motif (they travel as events)."""
    refusals: list[str] = []

    def created() -> dict | None:
        response = gateway.post(
            "/api/v1/plage_ouvertures",
            headers=organisation.agent.headers,
            json={
                "agent_id": organisation.agent.id,
                "organisation_id": organisation.id,
                "title": "Permanence",
                "first_day": organisation.day.isoformat(),
                "start_time": "09:00",
                "end_time": "12:00",
                "motif_ids": [organisation.motif_id],
                "lieu_id": organisation.lieu_id,
            },
        )
        if response.status_code == 201:
            return dict(response.json()["plage_ouverture"])
        refusals.append(response.text)
        return None

    return eventually(created, "the plage accepted by availability", every=0.5)


def public_slots(gateway: httpx.Client, organisation: Organisation) -> list[str]:
    response = gateway.get(
        "/api/v1/public/slots",
        params={
            "motif_id": organisation.motif_id,
            "lieu_id": organisation.lieu_id,
            "from": organisation.day.isoformat(),
            "to": organisation.day.isoformat(),
        },
    )
    assert response.status_code == 200, response.text
    return [slot["starts_at"] for day in response.json()["days"] for slot in day["slots"]]
