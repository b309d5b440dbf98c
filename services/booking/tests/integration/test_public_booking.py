"""Public booking by usagers (accounts) and prescripteurs (no account), checked by availability's double."""

import asyncio
from dataclasses import replace

from booking.adapters.availability_client import HttpSlotValidator
from rdv_contracts import directory as dr

from .conftest import (
    AGENT,
    AGENTS_ONLY_MOTIF,
    LIEU,
    MOTIF,
    ORG,
    RELATIVE,
    STRANGER,
    USER,
    Booking,
    idempotency_key,
    slot,
)

PRESCRIPTEUR = {"first_name": "Alix", "last_name": "Morel", "email": "alix.morel@example.org"}
BENEFICIARY = {"first_name": "Sam", "last_name": "Diallo", "phone_number": "0612345678"}


def booking_body(**fields: object) -> dict[str, object]:
    return {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot()} | fields


async def test_usager_books_for_a_relative_on_the_agent_availability_names(booking: Booking):
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(for_user_id=RELATIVE), headers=booking.user_headers()
    )

    assert response.status_code == 201, response.text
    rdv = response.json()["rdv"]
    assert rdv["agent_ids"] == [AGENT] and rdv["participations"][0]["user_id"] == RELATIVE
    assert rdv["created_by"] == "user" and rdv["created_by_id"] == USER
    assert booking.availability.requests[-1] == {
        "motif_id": MOTIF,
        "lieu_id": LIEU,
        "starts_at": slot(),
        "agent_ids": None,
        "caller": "user",
        "exclude_rdv_id": None,
        "invited": False,
    }
    [event] = await booking.outbox_events()
    assert event.event_type == "rdv.created" and event.payload["actor"] == {"type": "user", "id": USER}


async def test_usager_cannot_book_for_someone_outside_their_family(booking: Booking):
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(for_user_id=STRANGER), headers=booking.user_headers()
    )

    assert response.status_code == 422 and "for_user_id" in response.json()["errors"]


async def test_prescripteur_books_for_a_beneficiary_without_any_account(booking: Booking):
    response = await booking.client.post(
        "/api/v1/public/prescripteur/rdvs",
        json=booking_body(prescripteur=PRESCRIPTEUR, beneficiary=BENEFICIARY),
    )

    assert response.status_code == 201, response.text
    assert booking.availability.requests[-1]["caller"] == "prescripteur"
    [event] = await booking.outbox_events()
    snapshot = event.payload["rdv"]
    assert (
        snapshot["created_by"] == "prescripteur"
        and snapshot["prescripteur"]["email"] == PRESCRIPTEUR["email"]
    )
    assert snapshot["participations"][0]["user_id"] is None
    assert snapshot["participations"][0]["beneficiary"]["last_name"] == "Diallo"


async def test_a_slot_availability_refuses_is_not_booked(booking: Booking):
    booking.availability.refusal = {"reason": "too_soon", "message": "Ce créneau est trop proche."}

    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(), headers=booking.user_headers()
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"starts_at": ["Ce créneau est trop proche."]}
    assert await booking.outbox_events() == []


async def test_a_motif_for_agents_only_cannot_be_booked_publicly(booking: Booking):
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(motif_id=AGENTS_ONLY_MOTIF), headers=booking.user_headers()
    )

    assert response.status_code == 403
    assert booking.availability.requests == []


async def test_a_retried_post_with_the_same_idempotency_key_returns_the_first_rdv(booking: Booking):
    headers = booking.user_headers() | {"Idempotency-Key": idempotency_key()}
    first = await booking.client.post("/api/v1/usager/rdvs", json=booking_body(), headers=headers)
    retries = await asyncio.gather(
        *(booking.client.post("/api/v1/usager/rdvs", json=booking_body(), headers=headers) for _ in range(5))
    )

    assert first.status_code == 201
    assert {r.status_code for r in retries} == {201}
    assert {r.json()["rdv"]["id"] for r in retries} == {first.json()["rdv"]["id"]}
    assert len(await booking.outbox_events()) == 1


async def test_concurrent_first_attempts_with_one_idempotency_key_make_one_rdv(booking: Booking):
    headers = booking.user_headers() | {"Idempotency-Key": idempotency_key()}
    responses = await asyncio.gather(
        *(booking.client.post("/api/v1/usager/rdvs", json=booking_body(), headers=headers) for _ in range(10))
    )

    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["rdv"]["id"] for r in responses}) == 1


async def test_an_idempotency_key_reused_for_another_request_is_refused(booking: Booking):
    headers = booking.user_headers() | {"Idempotency-Key": idempotency_key()}
    await booking.client.post("/api/v1/usager/rdvs", json=booking_body(), headers=headers)

    other = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(starts_at=slot(hour=15)), headers=headers
    )

    assert other.status_code == 422 and "Idempotency-Key" in other.json()["errors"]


async def test_agent_tokens_cannot_use_the_usager_space(booking: Booking):
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(), headers=booking.agent_headers()
    )

    assert response.status_code == 403


async def test_the_answer_to_a_booking_is_the_usagers_recap_with_instructions_and_contact(booking: Booking):
    response = await booking.client.post(
        "/api/v1/usager/rdvs", json=booking_body(), headers=booking.user_headers()
    )

    recap = response.json()
    assert response.status_code == 201
    assert recap["motif"]["instruction_for_rdv"] == "Venez avec votre pièce d'identité."
    assert recap["motif"]["service_name"] == "Service social"
    assert recap["organisation"] == {
        "id": ORG,
        "name": f"MDS {ORG}",
        "phone_number": f"03 21 00 00 0{ORG}",
        "email": f"mds{ORG}@example.org",
        "website": "https://mds.example.org",
        "horaires": None,
    }
    assert recap["lieu"]["address"] == "1 rue A" and recap["cancellable"] and recap["movable"]
    assert recap["rdv"]["context"] is None


async def test_an_usager_invited_into_the_organisation_books_a_motif_for_invited_usagers(booking: Booking):
    invited_only = dr.BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS
    motif = dr.MotifCreated(id=90, organisation_id=ORG, service_id=10, name="RDV", bookable_by=invited_only)
    await booking.apply(motif, 90)
    body = booking_body(motif_id=90)

    before = await booking.client.post("/api/v1/usager/rdvs", json=body, headers=booking.user_headers())
    invited = dr.UserUpdated(
        id=USER, first_name="É", last_name="Le Bœuf", invited_through=dr.InvitedThrough.EXTERNAL, version=2
    )
    await booking.apply(invited, USER)
    await booking.apply(dr.UserProfileCreated(id=1, user_id=USER, organisation_id=ORG), 1)
    after = await booking.client.post("/api/v1/usager/rdvs", json=body, headers=booking.user_headers())

    assert before.status_code == 403 and after.status_code == 201, after.text
    assert booking.availability.requests[-1]["invited"] is True


async def test_availability_out_of_reach_is_a_503_and_no_rdv(booking: Booking):
    slots = booking.app.state.booking.slots
    unreachable = HttpSlotValidator("http://127.0.0.1:9", timeout_seconds=2)
    booking.app.state.booking = replace(booking.app.state.booking, slots=unreachable)
    try:
        response = await booking.client.post(
            "/api/v1/usager/rdvs", json=booking_body(), headers=booking.user_headers()
        )
    finally:
        booking.app.state.booking = replace(booking.app.state.booking, slots=slots)
        await unreachable.close()

    assert response.status_code == 503
    assert "momentanément indisponible" in response.json()["error_messages"][0]
    assert [e for e in await booking.outbox_events() if e.event_type == "rdv.created"] == []
