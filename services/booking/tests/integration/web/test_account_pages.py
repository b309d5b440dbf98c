"""Account pages: sign-up from the journey, the e-mail confirmation link back to it, sign-in."""

from urllib.parse import urlencode

from ..conftest import LIEU, MOTIF, ORG
from .conftest import Pages

JOURNEY = urlencode(
    {
        "public_link_organisation_id": ORG,
        "motif_name_with_location_type": "k",
        "motif_id": MOTIF,
        "lieu_id": LIEU,
    }
    | {"starts_at": "2026-11-25T10:00:00+01:00"}
)


async def test_sign_up_asks_to_check_the_mailbox_then_the_link_confirms_and_returns_to_the_journey(
    pages: Pages,
):
    page = await pages.client.get(f"/prendre_rdv?{JOURNEY}")
    account = {
        "first_name": "Inès",
        "last_name": "Roy",
        "email": "ines@example.org",
        "password": "Un-mot-2026!!",
    }

    signed_up = await pages.form_post("/prendre_rdv/inscription", page, {"parcours": JOURNEY} | account)
    link_page = await pages.client.get("/users/confirmation?token=bon-jeton")
    confirmed = await pages.form_post("/users/confirmation", link_page, {"token": "bon-jeton"})
    signed_in = await pages.form_post(
        "/usager/connexion", confirmed, {"email": pages.accounts.EMAIL, "password": pages.accounts.PASSWORD}
    )

    assert "Vérifiez votre boîte e-mail" in signed_up.text
    assert pages.accounts.sign_ups == [account]
    assert "Votre adresse e-mail est confirmée" in confirmed.text and pages.accounts.confirmed == [
        "bon-jeton"
    ]
    assert signed_in.status_code == 303 and signed_in.headers["location"] == f"/prendre_rdv?{JOURNEY}"


async def test_a_spent_confirmation_link_says_so(pages: Pages):
    link_page = await pages.client.get("/users/confirmation?token=vieux")

    response = await pages.form_post("/users/confirmation", link_page, {"token": "vieux"})

    assert response.status_code == 410 and "n&#39;est plus valable" in response.text


async def test_signing_in_outside_the_journey_leads_to_the_space(pages: Pages):
    page = await pages.client.get("/usager/connexion")

    response = await pages.form_post(
        "/usager/connexion", page, {"email": pages.accounts.EMAIL, "password": pages.accounts.PASSWORD}
    )

    assert response.headers["location"] == "/usager/rdvs"


async def test_a_forgotten_password_sends_the_request_and_says_it_neutrally(pages: Pages):
    page = await pages.client.get("/usager/mot_de_passe_oublie")

    response = await pages.form_post("/usager/mot_de_passe_oublie", page, {"email": "inconnu@example.org"})

    assert "Si un compte existe pour cette adresse" in response.text
    assert pages.accounts.reset_requests == ["inconnu@example.org"]


async def test_the_password_link_page_sets_a_new_password_or_names_the_problem(pages: Pages):
    page = await pages.client.get("/users/password/edit?token=jeton")

    refused = await pages.form_post("/users/password/edit", page, {"token": "jeton", "password": "court"})
    accepted = await pages.form_post(
        "/users/password/edit", page, {"token": "jeton", "password": "Nouveau-2026!!"}
    )

    assert 'action="/users/password/edit"' in page.text and 'action="/users/password/edit"' in refused.text
    assert refused.status_code == 422 and "12 caractères minimum" in refused.text
    assert "Votre mot de passe a été changé" in accepted.text
    assert pages.accounts.new_passwords == ["Nouveau-2026!!"]


async def test_an_invited_agent_chooses_a_name_and_a_password_through_the_mailed_link(pages: Pages):
    page = await pages.client.get("/agents/invitation?token=invitation")
    identity = {"token": "invitation", "first_name": "Camille", "last_name": "Martin"}

    weak = await pages.form_post("/agents/invitation", page, identity | {"password": "court"})
    spent = await pages.form_post(
        "/agents/invitation", page, identity | {"token": "autre", "password": "x" * 12}
    )
    accepted = await pages.form_post("/agents/invitation", page, identity | {"password": "Nouveau-2026!!"})

    assert "<title>Activer votre compte agent" in page.text and 'name="token" value="invitation"' in page.text
    assert weak.status_code == 422 and "12 caractères minimum" in weak.text and 'value="Camille"' in weak.text
    assert spent.status_code == 422 and "invitation inconnue ou expirée" in spent.text
    assert accepted.status_code == 200 and "Votre compte est activé" in accepted.text
    assert [(i["first_name"], i["last_name"]) for i in pages.accounts.invitations] == [("Camille", "Martin")]


async def test_an_agent_sets_a_new_password_through_the_mailed_link(pages: Pages):
    page = await pages.client.get("/agents/password/edit?token=jeton")

    accepted = await pages.form_post(
        "/agents/password/edit", page, {"token": "jeton", "password": "Agent-2026!!x"}
    )

    assert "<title>Nouveau mot de passe agent" in page.text and 'action="/agents/password/edit"' in page.text
    assert "Votre mot de passe a été changé" in accepted.text
    assert pages.accounts.new_passwords == ["Agent-2026!!x"]
