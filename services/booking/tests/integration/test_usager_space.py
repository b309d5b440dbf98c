"""The usager's space: their RDVs and relatives', cancelling (> 4 h) and moving (> 2 days)."""

from datetime import timedelta

from .conftest import AGENT, LIEU, MOTIF, ORG, RELATIVE, STRANGER, USER, Booking, slot


async def book(booking: Booking, starts_at: str, user_id: int = USER, for_user_id: int | None = None) -> int:
    body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": starts_at, "for_user_id": for_user_id}
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=body, headers=booking.user_headers(user_id)
    )
    assert response.status_code == 201, response.text
    return int(response.json()["rdv"]["id"])


async def test_usager_sees_their_and_their_relatives_rdvs_split_upcoming_and_past(booking: Booking):
    await book(booking, slot(day=3))
    await book(booking, slot(day=4), for_user_id=RELATIVE)
    await book(booking, slot(day=5), user_id=STRANGER)
    booking.clock[0] += timedelta(days=3, hours=12)

    mine = (await booking.client.get("/api/v1/usager/rdvs", headers=booking.user_headers())).json()

    assert [r["starts_at"][:10] for r in mine["upcoming"]] == [slot(day=4)[:10]]
    assert [r["starts_at"][:10] for r in mine["past"]] == [slot(day=3)[:10]]


async def test_usager_cancels_more_than_four_hours_before_and_the_rdv_is_excused(booking: Booking):
    rdv_id = await book(booking, slot(day=1))

    response = await booking.client.post(
        f"/api/v1/usager/rdvs/{rdv_id}/cancel", headers=booking.user_headers()
    )

    assert response.status_code == 200
    assert response.json()["rdv"]["status"] == "excused"
    assert response.json()["rdv"]["status_label"] == "Annulé à l'initiative de l'usager"
    assert (await booking.outbox_events())[-1].event_type == "rdv.cancelled"


async def test_usager_cannot_cancel_exactly_four_hours_before(booking: Booking):
    rdv_id = await book(booking, slot(day=1))
    booking.clock[0] = booking.clock[0].replace(hour=6) + timedelta(days=1)

    response = await booking.client.post(
        f"/api/v1/usager/rdvs/{rdv_id}/cancel", headers=booking.user_headers()
    )

    assert response.status_code == 409
    assert "secrétariat" in response.json()["error_messages"][0]


async def test_usager_cannot_cancel_someone_elses_rdv(booking: Booking):
    rdv_id = await book(booking, slot(day=1), user_id=STRANGER)

    response = await booking.client.post(
        f"/api/v1/usager/rdvs/{rdv_id}/cancel", headers=booking.user_headers()
    )

    assert response.status_code == 404


async def test_usager_moves_more_than_two_days_before_to_a_validated_slot(booking: Booking):
    rdv_id = await book(booking, slot(day=3))

    moved = await booking.client.post(
        f"/api/v1/usager/rdvs/{rdv_id}/move", json={"starts_at": slot(day=4)}, headers=booking.user_headers()
    )

    assert moved.status_code == 200, moved.text
    assert moved.json()["rdv"]["starts_at"][:10] == slot(day=4)[:10]
    assert booking.availability.requests[-1]["exclude_rdv_id"] == rdv_id
    assert (await booking.outbox_events())[-1].event_type == "rdv.updated"


async def test_usager_cannot_move_an_rdv_an_agent_booked(booking: Booking):
    created = await booking.client.post(
        f"/api/v1/organisations/{ORG}/rdvs",
        json={
            "motif_id": MOTIF,
            "starts_at": slot(day=5),
            "agent_ids": [AGENT],
            "user_ids": [USER],
            "lieu_id": LIEU,
        },
        headers=booking.agent_headers(),
    )

    moved = await booking.client.post(
        f"/api/v1/usager/rdvs/{created.json()['rdv']['id']}/move",
        json={"starts_at": slot(day=6)},
        headers=booking.user_headers(),
    )

    assert moved.status_code == 409
