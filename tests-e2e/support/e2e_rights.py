"""The people of the rights matrix (demo accounts signed in through directory) and the resources they
aim at in their own organisation (the Mairie) and in a foreign one (the Maison du Département)."""

import uuid
from dataclasses import dataclass

import httpx
from e2e_api import agent_token, bearer, demo_email, user_token

MAIRIE, MAISON = 1, 2
AGENT_ROLES = {
    "basic": "pmi.1",
    "admin": "admin.mairie",
    "territory_admin": "territoire",
    "secretariat": "secretariat",
}


def headers_by_role(gateway: httpx.Client) -> dict[str, dict[str, str]]:
    roles = {role: bearer(agent_token(gateway, demo_email(name))) for role, name in AGENT_ROLES.items()}
    roles["usager"] = bearer(user_token(gateway, demo_email("usager01")))
    roles["anonymous"] = {}
    roles["prescripteur"] = {}
    return roles


def first_id(gateway: httpx.Client, headers: dict[str, str], path: str, key: str) -> int:
    response = gateway.get(path, headers=headers)
    assert response.status_code == 200, response.text
    items = response.json()[key]
    assert items, f"{path} lists no {key}"
    return int(items[0]["id"])


@dataclass(frozen=True)
class Resources:
    organisation: int
    lieu: int
    motif: int
    user: int
    agent: int
    plage: int
    rdv: int
    webhook_endpoint: int


def resources_of(gateway: httpx.Client, admin: dict[str, str], organisation: int, hook_url: str) -> Resources:
    """Ids in `organisation`, read by its admin; an usager and a webhook endpoint of its own are created so
    that nothing is shared with the other organisation."""
    user = gateway.post(
        "/api/v1/users",
        headers=admin,
        json={
            "first_name": "Matrice",
            "last_name": f"Droits {uuid.uuid4().hex[:6]}",
            "organisation_ids": [organisation],
        },
    )
    assert user.status_code == 201, user.text
    endpoint = gateway.post(
        f"/api/v1/organisations/{organisation}/webhook_endpoints",
        headers=admin,
        json={
            "target_url": hook_url,
            "secret": "a-long-enough-shared-secret-for-the-matrix",
            "trigger": False,
        },
    )
    assert endpoint.status_code == 201, endpoint.text
    org = f"/api/v1/organisations/{organisation}"
    return Resources(
        organisation=organisation,
        lieu=first_id(gateway, admin, f"{org}/lieux", "lieux"),
        motif=first_id(gateway, admin, f"{org}/motifs", "motifs"),
        user=int(user.json()["user"]["id"]),
        agent=first_id(gateway, admin, f"{org}/agents", "agents"),
        plage=first_id(
            gateway, admin, f"/api/v1/plage_ouvertures?organisation_id={organisation}", "plage_ouvertures"
        ),
        rdv=first_id(gateway, admin, f"{org}/rdvs", "rdvs"),
        webhook_endpoint=int(endpoint.json()["webhook_endpoint"]["id"]),
    )
