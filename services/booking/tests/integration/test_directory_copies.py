"""Booking's copies of the directory: newest version wins, links wait for what they link, merges move RDVs."""

from datetime import UTC, datetime

import pytest
from booking.adapters.directory_copies import SqlDirectoryCopies
from booking.entrypoints.subscribers import merge_handler
from rdv_chassis.messaging.inbox import NotYetAvailable
from rdv_chassis.testing.fixtures import raw_connection
from rdv_contracts import directory as dr
from rdv_contracts.registry import envelope

from .conftest import AGENT, LIEU, MOTIF, ORG, RELATIVE, SERVICE, STRANGER, USER, Booking, slot

MERGED = 250


async def test_an_older_state_arriving_late_changes_nothing(booking: Booking):
    newer = dr.MotifUpdated(id=MOTIF, organisation_id=ORG, service_id=SERVICE, name="Nouveau nom", version=3)
    older = newer.model_copy(update={"name": "Ancien nom", "version": 2})

    await booking.apply(newer, MOTIF)
    await booking.apply(older, MOTIF)

    async with booking.database.sessions() as session:
        motif = await SqlDirectoryCopies(session).motif(MOTIF)
    assert motif is not None and (motif.name, motif.version) == ("Nouveau nom", 3)


@pytest.mark.parametrize(
    "link",
    [
        dr.AgentRoleCreated(id=7, agent_id=999, organisation_id=ORG),
        dr.UserProfileCreated(id=7, user_id=999, organisation_id=ORG),
        dr.ReferentAssignationCreated(id=7, user_id=USER, agent_id=999),
        dr.ReferentAssignationCreated(id=7, user_id=999, agent_id=AGENT),
    ],
)
async def test_a_link_to_an_entity_not_received_yet_is_read_again_later(booking: Booking, link):
    with pytest.raises(NotYetAvailable):
        await booking.apply(link, 7)


async def test_profiles_and_referents_are_kept_and_dropped(booking: Booking):
    await booking.apply(dr.UserProfileCreated(id=8, user_id=USER, organisation_id=ORG), 8)
    await booking.apply(dr.ReferentAssignationCreated(id=9, user_id=USER, agent_id=AGENT), 9)
    await booking.apply(dr.ReferentAssignationDeleted(id=9, user_id=USER, agent_id=AGENT), 9)

    async with booking.database.sessions() as session:
        copies = SqlDirectoryCopies(session)
        assert await copies.has_profile(USER, ORG) and not await copies.has_profile(USER, 2)
        assert await copies.referent_ids(USER) == []


async def merge(booking: Booking, kept: int, merged: int) -> None:
    payload = dr.UserMerged(user_id=kept, merged_user_id=merged)
    event = envelope(payload, aggregate_id=kept, organisation_id=None)
    async with booking.database.sessions() as session, session.begin():
        await merge_handler(booking.database, lambda: datetime.now(UTC))(session, event)


async def agent_rdv(booking: Booking, user_ids: list[int], day: int) -> int:
    body = {"motif_id": MOTIF, "starts_at": slot(day=day), "agent_ids": [AGENT], "lieu_id": LIEU}
    body["user_ids"] = user_ids
    response = await booking.client.post(
        f"/api/v1/organisations/{ORG}/rdvs", json=body, headers=booking.agent_headers()
    )
    assert response.status_code == 201, response.text
    return int(response.json()["rdv"]["id"])


async def test_a_merged_usagers_participations_move_to_the_kept_one(booking: Booking):
    await booking.apply(dr.UserCreated(id=MERGED, first_name="Zoé", last_name="Zola"), MERGED)
    alone = await agent_rdv(booking, [MERGED], day=2)
    together = await agent_rdv(booking, [STRANGER, MERGED, RELATIVE], day=3)

    await merge(booking, STRANGER, MERGED)
    await merge(booking, STRANGER, MERGED)

    connection = await raw_connection(booking.url)
    try:
        rows = await connection.fetch("SELECT rdv_id, user_id FROM participations ORDER BY rdv_id, user_id")
    finally:
        await connection.close()
    assert [(r["rdv_id"], r["user_id"]) for r in rows] == [
        (alone, STRANGER),
        (together, RELATIVE),
        (together, STRANGER),
    ]
    updated = [e for e in await booking.outbox_events() if e.event_type == "rdv.updated"]
    assert [e.payload["actor"]["type"] for e in updated] == ["system", "system"]
    assert {e.aggregate_id for e in updated} == {str(alone), str(together)}


async def test_a_merge_into_an_usager_not_received_yet_is_read_again_later(booking: Booking):
    with pytest.raises(NotYetAvailable):
        await merge(booking, 999, USER)
