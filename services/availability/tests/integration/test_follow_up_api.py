"""Follow-up motifs in the public search: only for a signed-in usager, only with their referent agents."""

import pytest
from availability_api_testing import AGENT_11, AGENT_12, usager
from rdv_contracts import directory as dr

FOLLOW_UP = 106
USAGER, LONELY = usager(500), usager(501)


def plage(agent_id: int, start: str, end: str) -> dict:
    return {
        "agent_id": agent_id, "organisation_id": 1, "title": "Suivi", "first_day": "2026-03-03",
        "start_time": start, "end_time": end, "motif_ids": [FOLLOW_UP], "lieu_id": 21,
        "recurrence": {"every": "week", "on": ["tuesday"]},
    }  # fmt: skip


@pytest.fixture
async def followed(service):
    await service.publish(
        dr.MotifCreated(id=FOLLOW_UP, organisation_id=1, service_id=1, name="Suivi RSA", follow_up=True,
                        bookable_by="agents_and_prescripteurs_and_invited_users"),
        dr.ReferentAssignationCreated(id=900, user_id=500, agent_id=12),
    )  # fmt: skip
    for body, headers in ((plage(11, "09:00", "10:00"), AGENT_11), (plage(12, "14:00", "15:00"), AGENT_12)):
        response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=headers)
        assert response.status_code == 201, response.text
    return service


SLOTS = {"motif_id": FOLLOW_UP, "from": "2026-03-02", "to": "2026-03-08"}


async def test_usager_sees_only_the_slots_of_their_referents(followed):
    response = await followed.client.get("/api/v1/public/slots", params=SLOTS, headers=USAGER)
    assert response.status_code == 200, response.text
    [day] = response.json()["days"]
    assert [s["starts_at"][11:16] for s in day["slots"]] == ["14:00", "14:30"]
    upcoming = await followed.client.get(
        "/api/v1/public/next_availability", params={"motif_id": FOLLOW_UP}, headers=USAGER
    )
    assert upcoming.json()["next_availability"]["starts_at"] == "2026-03-03T14:00:00+01:00"


async def test_follow_up_motifs_are_hidden_from_anonymous_callers_and_usagers_without_referents(followed):
    for headers in ({}, LONELY):
        slots = await followed.client.get("/api/v1/public/slots", params=SLOTS, headers=headers)
        assert slots.status_code == 404
    general = await followed.client.get(
        "/api/v1/public/motifs", params={"organisation_id": 1}, headers=USAGER
    )
    assert "suivi_rsa-public_office" not in [m["key"] for m in general.json()["motifs"]]


async def test_invitation_search_lists_only_the_follow_up_motifs_of_the_referents(followed):
    params = {"organisation_id": 1, "referents": True}
    invited = await followed.client.get("/api/v1/public/motifs", params=params, headers=USAGER)
    assert [m["key"] for m in invited.json()["motifs"]] == ["suivi_rsa-public_office"]
    assert (await followed.client.get("/api/v1/public/motifs", params=params)).status_code == 401
    lonely = await followed.client.get("/api/v1/public/motifs", params=params, headers=LONELY)
    assert lonely.json()["motifs"] == []


async def test_a_referent_no_longer_assigned_no_longer_opens_the_motif(followed):
    await followed.publish(dr.ReferentAssignationDeleted(id=900, user_id=500, agent_id=12))
    response = await followed.client.get("/api/v1/public/slots", params=SLOTS, headers=USAGER)
    assert response.status_code == 404
