"""The participation link in pages: 3 letters → recap → cancel, wrong answers, the lock, expiry."""

from datetime import timedelta

from ..conftest import ORG, USER
from ..test_participation_links import rdv_with_link
from .conftest import Pages


async def open_rdv(pages: Pages, day: int = 2) -> str:
    rdv_id, token = await rdv_with_link(pages.booking, USER, day=day)
    base = f"/r/{rdv_id}/{token}"
    form = await pages.client.get(base)
    opened = await pages.form_post(base, form, {"letters": "leb"})
    assert opened.status_code == 303 and opened.headers["location"] == f"{base}/rdv"
    return base


async def test_the_right_letters_show_the_recap_then_cancel_after_confirmation(pages: Pages):
    base = await open_rdv(pages)

    recap = await pages.client.get(f"{base}/rdv")
    confirm = await pages.client.get(f"{base}/annuler")
    cancelled = await pages.form_post(f"{base}/annuler", confirm, {})

    assert "<title>Votre rendez-vous – RDV Service Public</title>" in recap.text
    assert "Venez avec votre pièce d&#39;identité." in recap.text and f'href="{base}/annuler"' in recap.text
    assert "Voulez-vous vraiment annuler ce rendez-vous ?" in confirm.text
    assert cancelled.status_code == 200 and "Votre rendez-vous a bien été annulé." in cancelled.text
    events = await pages.booking.outbox_events()
    assert events[-1].event_type == "rdv.cancelled"


async def test_the_link_session_cookie_is_http_only_and_limited_to_the_link(pages: Pages):
    rdv_id, token = await rdv_with_link(pages.booking, USER)
    base = f"/r/{rdv_id}/{token}"
    form = await pages.client.get(base)

    opened = await pages.form_post(base, form, {"letters": "LEB"})

    cookie = opened.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and f"path={base.lower()}" in cookie


async def test_wrong_letters_ask_again_with_the_reason(pages: Pages):
    rdv_id, token = await rdv_with_link(pages.booking, USER)
    base = f"/r/{rdv_id}/{token}"
    form = await pages.client.get(base)

    response = await pages.form_post(base, form, {"letters": "ABC"})

    assert response.status_code == 422
    assert "Les lettres saisies ne correspondent pas au nom de famille" in response.text
    assert 'aria-invalid="true"' in response.text


async def test_the_sixth_answer_after_five_wrong_ones_shows_the_lock_and_the_organisation_phone(pages: Pages):
    rdv_id, token = await rdv_with_link(pages.booking, USER)
    base = f"/r/{rdv_id}/{token}"
    form = await pages.client.get(base)
    for _ in range(5):
        await pages.form_post(base, form, {"letters": "ABC"})

    response = await pages.form_post(base, form, {"letters": "LEB"})

    assert response.status_code == 423
    assert "ce lien est bloqué pendant 15 minutes" in response.text and f"03 21 00 00 0{ORG}" in response.text


async def test_an_expired_link_session_asks_for_the_letters_again(pages: Pages):
    base = await open_rdv(pages)
    pages.booking.clock[0] += timedelta(minutes=11)

    response = await pages.client.get(f"{base}/rdv")

    assert response.status_code == 303 and response.headers["location"] == f"{base}?expire=1"
    again = await pages.client.get(response.headers["location"])
    assert "Votre session a expiré" in again.text


async def test_too_late_to_cancel_shows_the_organisation_phone_instead_of_the_button(pages: Pages):
    base = await open_rdv(pages, day=0)  # today 10:00, NOW is 9:00: less than 4 hours before

    recap = await pages.client.get(f"{base}/rdv")

    assert f'href="{base}/annuler"' not in recap.text
    assert "ne peut plus être annulé en ligne" in recap.text and f"03 21 00 00 0{ORG}" in recap.text
