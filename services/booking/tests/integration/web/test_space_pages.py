"""The usager space in pages: their RDVs and their relatives', cancel with the motif's warning, move."""

from datetime import timedelta

from rdv_contracts import directory as dr

from ..conftest import LIEU, MOTIF, NOW, ORG, RELATIVE, SERVICE, slot
from .conftest import Pages


async def book(pages: Pages, day: int = 3, for_user_id: int | None = None) -> int:
    body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot(day=day), "for_user_id": for_user_id}
    response = await pages.booking.client.post(
        "/api/v1/usager/rdvs", json=body, headers=pages.booking.user_headers()
    )
    assert response.status_code == 201, response.text
    return int(response.json()["rdv"]["id"])


async def test_the_space_needs_a_signed_in_usager(pages: Pages):
    response = await pages.client.get("/usager/rdvs")

    assert response.status_code == 303 and response.headers["location"] == "/usager/connexion"


async def test_the_space_lists_upcoming_rdvs_of_the_usager_and_their_relatives_and_past_ones(pages: Pages):
    mine, relative = await book(pages, day=3), await book(pages, day=4, for_user_id=RELATIVE)
    past = await book(pages, day=1)
    pages.booking.clock[0] = NOW + timedelta(days=2)
    await pages.sign_in()

    response = await pages.client.get("/usager/rdvs")

    text = response.text
    assert response.status_code == 200
    assert text.index(f"/usager/rdvs/{mine}") < text.index(f"/usager/rdvs/{relative}") < text.index("Passés")
    assert text.index("Passés") < text.index(f"/usager/rdvs/{past}")
    assert "Léo Le Bœuf" in text


async def test_cancelling_shows_the_motif_warning_then_cancels(pages: Pages):
    await pages.booking.apply(
        dr.MotifUpdated(
            id=MOTIF,
            organisation_id=ORG,
            service_id=SERVICE,
            name="Accueil",
            version=2,
            bookable_by=dr.BookableBy.EVERYONE,
            custom_cancel_warning_message="Prévenez aussi votre référent RSA.",
        ),
        MOTIF,
    )
    rdv_id = await book(pages)
    await pages.sign_in()

    confirm = await pages.client.get(f"/usager/rdvs/{rdv_id}/annuler")
    cancelled = await pages.form_post(f"/usager/rdvs/{rdv_id}/annuler", confirm, {})

    assert "Prévenez aussi votre référent RSA." in confirm.text
    assert cancelled.status_code == 200 and "Votre rendez-vous a bien été annulé." in cancelled.text


async def test_too_late_to_cancel_is_refused_with_the_organisation_phone(pages: Pages):
    rdv_id = await book(pages, day=0)
    await pages.sign_in()
    page = await pages.client.get("/usager/rdvs")  # a cancellation posted from a page left open

    response = await pages.form_post(f"/usager/rdvs/{rdv_id}/annuler", page, {})

    assert response.status_code == 409 and f"Appelez le 03 21 00 00 0{ORG}" in response.text


async def test_moving_offers_a_week_of_slots_and_moves_to_the_chosen_one(pages: Pages):
    rdv_id = await book(pages, day=3)
    await pages.sign_in()
    new_time = (NOW + timedelta(days=5)).replace(hour=13)
    pages.search.times = [new_time]

    page = await pages.client.get(f"/usager/rdvs/{rdv_id}/deplacer")
    moved = await pages.form_post(
        f"/usager/rdvs/{rdv_id}/deplacer", page, {"starts_at": new_time.isoformat()}
    )

    assert "Déplacer le rendez-vous" in page.text and new_time.isoformat() in page.text
    assert moved.status_code == 303
    events = await pages.booking.outbox_events()
    assert events[-1].event_type == "rdv.updated"


async def test_someone_elses_rdv_does_not_exist_in_the_space(pages: Pages):
    other = await pages.booking.client.post(
        "/api/v1/usager/rdvs",
        json={"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot(day=3)},
        headers=pages.booking.user_headers(202),
    )
    await pages.sign_in()

    response = await pages.client.get(f"/usager/rdvs/{other.json()['rdv']['id']}")

    assert response.status_code == 404
