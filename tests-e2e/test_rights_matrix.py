"""Who may call what, across services, through the gateway: basic agent, admin, territory admin,
secretariat, prescripteur (public booking, no account), usager, anonymous; own organisation (the Mairie)
and a foreign one (the Maison du Département). No unexpected 2xx; a foreign organisation's ids are 404."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from e2e_api import agent_token, bearer, demo_email
from e2e_rights import MAIRIE, MAISON, Resources, headers_by_role, resources_of

OK = {200, 201}
DENIED = {401, 403, 404}


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    body: dict | None = None


# {own.x} and {foreign.x} are ids of the Mairie and of the Maison du Département.
READS = [
    Call("directory: an organisation's agents", "GET", "/api/v1/organisations/{org}/agents"),
    Call("directory: a lieu", "GET", "/api/v1/lieux/{lieu}"),
    Call("directory: a motif", "GET", "/api/v1/motifs/{motif}"),
    Call("directory: an usager", "GET", "/api/v1/users/{user}"),
    Call("availability: a plage", "GET", "/api/v1/plage_ouvertures/{plage}"),
    Call("booking: an organisation's RDVs", "GET", "/api/v1/organisations/{org}/rdvs"),
    Call("booking: an RDV", "GET", "/api/v1/rdvs/{rdv}"),
    Call("notifications: an RDV's receipts", "GET", "/api/v1/rdvs/{rdv}/receipts"),
]
ADMIN_READS = [
    Call("directory: API tokens", "GET", "/api/v1/organisations/{org}/api_tokens"),
    Call("calendar-sync: webhook endpoints", "GET", "/api/v1/organisations/{org}/webhook_endpoints"),
]
WRITES = [
    Call("directory: rename a lieu", "PATCH", "/api/v1/lieux/{lieu}", {"name": "Renommé par la matrice"}),
    Call("directory: rename a motif", "PATCH", "/api/v1/motifs/{motif}", {"name": "Renommé par la matrice"}),
    Call("availability: retitle a plage", "PATCH", "/api/v1/plage_ouvertures/{plage}", {"title": "Matrice"}),
    Call("booking: cancel an RDV", "POST", "/api/v1/rdvs/{rdv}/cancel"),
    Call(
        "calendar-sync: delete an endpoint", "DELETE", "/api/v1/organisations/{org}/webhook_endpoints/{hook}"
    ),
]


def resolve(call: Call, resources: Resources) -> str:
    return call.path.format(
        org=resources.organisation,
        lieu=resources.lieu,
        motif=resources.motif,
        user=resources.user,
        plage=resources.plage,
        rdv=resources.rdv,
        hook=resources.webhook_endpoint,
    )


@pytest.fixture(scope="module")
def roles(module_gateway):
    return headers_by_role(module_gateway)


@pytest.fixture(scope="module")
def own(module_gateway, roles, webhook_receiver) -> Resources:
    return resources_of(module_gateway, roles["admin"], MAIRIE, webhook_receiver.url + "/mairie")


@pytest.fixture(scope="module")
def foreign(module_gateway, webhook_receiver) -> Resources:
    admin = bearer(agent_token(module_gateway, demo_email("admin.social")))
    return resources_of(module_gateway, admin, MAISON, webhook_receiver.url + "/maison")


def status_of(gateway, roles, role: str, call: Call, resources: Resources) -> int:
    response = gateway.request(call.method, resolve(call, resources), headers=roles[role], json=call.body)
    return response.status_code


@pytest.mark.parametrize("role", ["basic", "admin", "secretariat"])
@pytest.mark.parametrize("call", READS + ADMIN_READS + WRITES, ids=lambda c: c.name)
def test_an_agent_gets_404_for_a_foreign_organisations_ids(module_gateway, roles, foreign, role, call):
    assert status_of(module_gateway, roles, role, call, foreign) == 404


@pytest.mark.parametrize("role", ["anonymous", "prescripteur", "usager"])
@pytest.mark.parametrize("call", READS + ADMIN_READS + WRITES, ids=lambda c: c.name)
def test_people_without_an_agent_account_get_nothing_from_agent_routes(
    module_gateway, roles, own, role, call
):
    expected = {401} if role != "usager" else DENIED
    assert status_of(module_gateway, roles, role, call, own) in expected


@pytest.mark.parametrize("role", ["basic", "admin", "territory_admin", "secretariat"])
@pytest.mark.parametrize("call", READS, ids=lambda c: c.name)
def test_agents_read_their_own_organisation(module_gateway, roles, own, role, call):
    assert status_of(module_gateway, roles, role, call, own) == 200


@pytest.mark.parametrize("call", ADMIN_READS, ids=lambda c: c.name)
def test_admin_only_reads_are_refused_to_basic_agents(module_gateway, roles, own, call):
    assert status_of(module_gateway, roles, "basic", call, own) == 403
    assert status_of(module_gateway, roles, "admin", call, own) == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("basic", 403),
        ("admin", 403),
        ("secretariat", 403),
        ("usager", 404),
        ("anonymous", 401),
        ("territory_admin", 200),
    ],
)
def test_only_territory_admins_change_their_territory(module_gateway, roles, role, expected):
    response = module_gateway.patch("/api/v1/territories/1", headers=roles[role], json={})
    assert response.status_code == expected, response.text


def motif_open_to(gateway, roles, bookable_by: str) -> int:
    response = gateway.get(f"/api/v1/organisations/{MAIRIE}/motifs", headers=roles["admin"])
    return next(
        m["id"] for m in response.json()["motifs"] if m["bookable_by"] == bookable_by and not m["collectif"]
    )


def prescripteur_booking(gateway, motif_id: int, starts_at: str):
    return gateway.post(
        "/api/v1/public/prescripteur/rdvs",
        json={
            "motif_id": motif_id,
            "starts_at": starts_at,
            "prescripteur": {"first_name": "Paul", "last_name": "Prescripteur", "email": "paul@e2e.example"},
            "beneficiary": {"first_name": "Bea", "last_name": "Neficiaire", "phone_number": "0611223344"},
        },
    )


def test_a_prescripteur_books_publicly_only_motifs_open_to_prescripteurs(module_gateway, roles):
    motif = motif_open_to(module_gateway, roles, "agents_and_prescripteurs")
    window = {"from": date.today().isoformat(), "to": (date.today() + timedelta(days=27)).isoformat()}
    slots = module_gateway.get(
        "/api/v1/public/slots", params={"motif_id": motif, "prescripteur": True, **window}
    ).json()
    starts_at = slots["days"][0]["slots"][0]["starts_at"]
    agents_only = motif_open_to(module_gateway, roles, "agents")

    assert prescripteur_booking(module_gateway, agents_only, starts_at).status_code == 403
    booked = prescripteur_booking(module_gateway, motif, starts_at)
    assert booked.status_code == 201, booked.text
    assert module_gateway.get(f"/api/v1/rdvs/{booked.json()['rdv']['id']}").status_code == 401


def test_an_usager_reaches_only_their_own_rdvs(module_gateway, roles, own, foreign):
    mine = module_gateway.get("/api/v1/usager/rdvs", headers=roles["usager"])
    assert mine.status_code == 200, mine.text
    assert module_gateway.get("/api/v1/usager/rdvs", headers=roles["basic"]).status_code in DENIED
    assert module_gateway.get("/api/v1/usager/rdvs").status_code == 401
    my_ids = {rdv["id"] for part in ("upcoming", "past") for rdv in mine.json().get(part, [])}
    assert my_ids, "the demo usager has RDVs"
    others = [rdv for rdv in (own.rdv, foreign.rdv) if rdv not in my_ids]
    assert others
    for rdv in others:
        response = module_gateway.post(f"/api/v1/usager/rdvs/{rdv}/cancel", headers=roles["usager"])
        assert response.status_code == 404, response.text
