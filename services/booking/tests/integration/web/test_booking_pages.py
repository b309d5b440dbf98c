"""The booking journey in pages: motif → lieu → week → identification → confirmation → recap."""

from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from rdv_contracts import directory as dr

from ..conftest import LIEU, MOTIF, NOW, ORG, RELATIVE, SERVICE, USER
from .conftest import Pages
from .doubles import MOTIF_KEY

PARIS = ZoneInfo("Europe/Paris")
SLOT = (NOW + timedelta(days=2)).replace(hour=9).astimezone(PARIS)
START = f"/prendre_rdv?public_link_organisation_id={ORG}"


def step(**params: object) -> str:
    base = {"public_link_organisation_id": ORG, "motif_name_with_location_type": MOTIF_KEY}
    return "/prendre_rdv?" + urlencode(base | {k: str(v) for k, v in params.items()})


def chosen(**params: object) -> str:
    return step(motif_id=MOTIF, lieu_id=LIEU, starts_at=SLOT.isoformat(), **params)


async def test_an_organisation_link_lists_its_motifs_with_a_step_title(pages: Pages):
    response = await pages.client.get(START)

    assert response.status_code == 200
    assert "<title>Choix du motif – Prendre rendez-vous – RDV Service Public</title>" in response.text
    assert f'value="{MOTIF_KEY}"' in response.text and "fr-stepper" in response.text


async def test_the_old_organisation_link_redirects_to_the_journey(pages: Pages):
    response = await pages.client.get(f"/org/{ORG}")

    assert response.status_code == 303 and response.headers["location"] == START


async def test_a_motif_with_instructions_asks_to_accept_them_before_the_lieux(pages: Pages):
    await pages.booking.apply(
        dr.MotifUpdated(
            id=MOTIF,
            organisation_id=ORG,
            service_id=SERVICE,
            name="Accueil",
            version=2,
            bookable_by=dr.BookableBy.EVERYONE,
            restriction_for_rdv="Réservé aux habitants du Pas-de-Calais.",
        ),
        MOTIF,
    )

    before = await pages.client.get(step())
    after = await pages.client.get(step(restriction_accepted=1))

    assert "Réservé aux habitants du Pas-de-Calais." in before.text and "MDS Nord" not in before.text
    assert "MDS Nord" in after.text


async def test_a_collective_motif_names_the_organisation_to_call(pages: Pages):
    await pages.booking.apply(
        dr.MotifUpdated(
            id=MOTIF,
            organisation_id=ORG,
            service_id=SERVICE,
            name="Accueil",
            version=2,
            bookable_by=dr.BookableBy.EVERYONE,
            collectif=True,
        ),
        MOTIF,
    )

    response = await pages.client.get(step())

    assert "atelier collectif" in response.text and f"03 21 00 00 0{ORG}" in response.text


async def test_lieux_of_the_typed_postal_code_come_first_and_the_page_says_so(pages: Pages):
    response = await pages.client.get(step(address="10 place X 62000 Arras"))

    assert response.text.index("1 rue A 62000 Arras") < response.text.index("2 rue B 59000 Lille")
    assert "contient « 62000 » en premier" in response.text


async def test_a_position_orders_lieux_by_distance_in_availability(pages: Pages):
    response = await pages.client.get(step(latitude=50.1, longitude=2.2))

    assert "du plus proche au plus éloigné" in response.text
    assert pages.search.requests[-1] == ("lieux", {"motif_key": MOTIF_KEY, "latitude": "50.1"})


async def test_an_empty_week_links_to_the_next_availability(pages: Pages):
    later = (NOW + timedelta(days=20)).astimezone(PARIS)
    pages.search.times = [later]

    response = await pages.client.get(step(motif_id=MOTIF, lieu_id=LIEU))

    assert "Aucun créneau disponible cette semaine" in response.text
    assert "Prochaine disponibilité" in response.text and f"week_start={later.date()}" in response.text


async def test_the_week_shows_each_free_time_as_a_link_to_identification(pages: Pages):
    pages.search.times = [SLOT]

    response = await pages.client.get(step(motif_id=MOTIF, lieu_id=LIEU))

    assert ">10h00<" in response.text and "starts_at=" in response.text


async def test_a_signed_in_usager_confirms_and_sees_the_recap_with_instructions_and_contact(pages: Pages):
    await pages.sign_in()
    confirmation = await pages.client.get(chosen())

    booked = await pages.form_post(
        "/prendre_rdv/confirmer",
        confirmation,
        {"parcours": chosen().split("?", 1)[1], "idempotency_key": "k1"},
    )
    recap = await pages.client.get(booked.headers["location"])

    assert "Confirmation – Prendre rendez-vous" in confirmation.text
    assert booked.status_code == 303
    assert "Votre rendez-vous est confirmé" in recap.text
    assert "Venez avec votre pièce d&#39;identité." in recap.text and f"03 21 00 00 0{ORG}" in recap.text
    [event] = await pages.booking.outbox_events()
    assert event.payload["rdv"]["participations"][0]["user_id"] == USER


async def test_a_signed_in_usager_may_book_for_a_relative(pages: Pages):
    await pages.sign_in()
    confirmation = await pages.client.get(chosen())

    await pages.form_post(
        "/prendre_rdv/confirmer",
        confirmation,
        {"parcours": chosen().split("?", 1)[1], "for_user_id": str(RELATIVE)},
    )

    assert "Pour qui est ce rendez-vous ?" in confirmation.text and "Léo Le Bœuf" in confirmation.text
    [event] = await pages.booking.outbox_events()
    assert event.payload["rdv"]["participations"][0]["user_id"] == RELATIVE


async def test_a_slot_taken_meanwhile_goes_back_to_the_slot_list_with_a_message(pages: Pages):
    pages.search.times = [SLOT + timedelta(hours=1)]
    taken = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": SLOT.isoformat()}
    first = await pages.booking.client.post(
        "/api/v1/usager/rdvs", json=taken, headers=pages.booking.user_headers(201)
    )
    await pages.sign_in()
    confirmation = await pages.client.get(chosen())

    response = await pages.form_post(
        "/prendre_rdv/confirmer", confirmation, {"parcours": chosen().split("?", 1)[1]}
    )

    assert first.status_code == 201
    assert response.status_code == 409
    assert "Ce créneau n&#39;est plus disponible" in response.text and "Choix du créneau" in response.text


async def test_a_visitor_chooses_between_sign_in_sign_up_and_prescripteur(pages: Pages):
    response = await pages.client.get(chosen())

    assert "Identification – Prendre rendez-vous" in response.text
    assert "Je suis un prescripteur qui oriente un bénéficiaire" in response.text
    assert (
        'action="/prendre_rdv/connexion"' in response.text
        and 'action="/prendre_rdv/inscription"' in response.text
    )


async def test_a_wrong_password_is_explained_on_the_identification_page(pages: Pages):
    page = await pages.client.get(chosen())

    response = await pages.form_post(
        "/prendre_rdv/connexion",
        page,
        {"parcours": chosen().split("?", 1)[1], "email": "x@example.org", "password": "faux"},
    )

    assert response.status_code == 422 and "E-mail ou mot de passe incorrect." in response.text


async def test_a_prescripteur_books_for_a_beneficiary_and_sees_the_recap(pages: Pages):
    url = chosen(prescripteur=1)
    page = await pages.client.get(url)
    form = {
        "parcours": url.split("?", 1)[1],
        "prescripteur_first_name": "Alix",
        "prescripteur_last_name": "Morel",
        "prescripteur_email": "alix.morel@example.org",
        "beneficiary_first_name": "Sam",
        "beneficiary_last_name": "Diallo",
        "beneficiary_phone_number": "06 12 34 56 78",
    }

    response = await pages.form_post("/prendre_rdv/prescripteur", page, form)

    assert "Vos coordonnées – Prendre rendez-vous" in page.text
    assert response.status_code == 200 and "Votre rendez-vous est confirmé" in response.text
    [event] = await pages.booking.outbox_events()
    rdv = event.payload["rdv"]
    assert rdv["prescripteur"]["email"] == "alix.morel@example.org"
    assert rdv["participations"][0]["beneficiary"]["phone_number"] == "+33612345678"


async def test_a_prescripteur_form_names_each_missing_or_wrong_field(pages: Pages):
    url = chosen(prescripteur=1)
    page = await pages.client.get(url)

    response = await pages.form_post(
        "/prendre_rdv/prescripteur",
        page,
        {"parcours": url.split("?", 1)[1], "prescripteur_email": "pas-un-email"},
    )

    assert response.status_code == 422
    assert (
        'id="prescripteur_email-erreur"' in response.text
        and "Saisissez une adresse e-mail valide" in response.text
    )
    assert 'id="beneficiary_last_name-erreur"' in response.text
    assert await pages.booking.outbox_events() == []


async def test_a_form_posted_without_its_csrf_token_is_refused(pages: Pages):
    await pages.sign_in()

    response = await pages.client.post("/prendre_rdv/confirmer", data={"parcours": chosen().split("?", 1)[1]})

    assert response.status_code == 403 and "Ce formulaire a expiré" in response.text
    assert await pages.booking.outbox_events() == []


async def test_the_usager_cookie_is_http_only_and_same_site_lax(pages: Pages):
    page = await pages.client.get("/usager/connexion")
    response = await pages.form_post(
        "/usager/connexion", page, {"email": pages.accounts.EMAIL, "password": pages.accounts.PASSWORD}
    )

    cookie = response.headers["set-cookie"].lower()
    assert "rdv_usager=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
