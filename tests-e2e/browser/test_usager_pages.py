"""The usager pages in a real browser, through the gateway, against the running system with its demo data."""

import httpx
from browser_journey import choose_a_slot, link_in, mail_to, unique_email
from browser_visit import Visit

PASSWORD = "Parcours-Navigateur-2026!"


def test_a_new_usager_books_after_confirming_their_email(visit: Visit, mailbox: httpx.Client, base_url: str):
    page = visit.page
    email = unique_email("usager")
    choose_a_slot(visit)
    visit.check("identification")
    signup = page.locator("form[action='/prendre_rdv/inscription']")
    signup.get_by_label("Prénom", exact=True).fill("Camille")
    signup.get_by_label("Nom", exact=True).fill("Navigateur")
    signup.get_by_label("Adresse e-mail").fill(email)
    signup.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    signup.get_by_role("button", name="Créer mon compte").click()
    visit.check("verifiez-vos-e-mails")

    confirmation = link_in(
        mail_to(mailbox, email, "Confirmez votre adresse"), r"https?://\S+/users/confirmation\?token=\S+"
    )
    page.goto(confirmation)
    visit.check("confirmation-e-mail")
    page.get_by_role("button", name="Confirmer mon adresse e-mail").click()
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    visit.check("connexion")
    page.get_by_role("button", name="Se connecter").click()
    visit.check("confirmation")
    page.get_by_role("button", name="Confirmer le rendez-vous").click()

    assert page.get_by_text("Votre rendez-vous est confirmé.").is_visible()
    visit.check("recapitulatif")
    assert page.get_by_role("heading", name="Contact").is_visible()


def test_a_prescripteur_books_for_a_beneficiary(visit: Visit):
    page = visit.page
    choose_a_slot(visit, "/prendre_rdv?public_link_organisation_id=1&prescripteur=1")
    fill_prescripteur_form(visit, unique_email("prescripteur"), unique_email("beneficiaire"), "Martin")
    page.get_by_role("button", name="Confirmer le rendez-vous").click()

    assert page.get_by_text("Votre rendez-vous est confirmé.").is_visible()
    visit.check("recapitulatif")


def test_the_beneficiary_cancels_through_the_link_of_the_confirmation_email(
    visit: Visit, mailbox: httpx.Client
):
    page = visit.page
    beneficiary = unique_email("beneficiaire")
    book_as_prescripteur(visit, beneficiary, "Dupont")
    link = link_in(mail_to(mailbox, beneficiary, "RDV confirmé"), r"https?://\S+/r/\d+/[\w-]+")

    page.goto(link)
    visit.check("lien-trois-lettres")
    page.get_by_label("3 premières lettres du nom de famille").fill("dup")
    page.get_by_role("button", name="Accéder au rendez-vous").click()
    visit.check("lien-recapitulatif")
    page.get_by_role("link", name="Annuler le rendez-vous").click()
    visit.check("lien-confirmer-annulation")
    page.get_by_role("button", name="Oui, annuler le rendez-vous").click()

    assert page.get_by_text("Votre rendez-vous a bien été annulé.").is_visible()
    visit.check("lien-annule")


def test_a_wrong_three_letter_answer_is_explained(visit: Visit, mailbox: httpx.Client):
    page = visit.page
    beneficiary = unique_email("beneficiaire")
    book_as_prescripteur(visit, beneficiary, "Lefebvre")
    link = link_in(mail_to(mailbox, beneficiary, "RDV confirmé"), r"https?://\S+/r/\d+/[\w-]+")

    page.goto(link)
    page.get_by_label("3 premières lettres du nom de famille").fill("xyz")
    page.get_by_role("button", name="Accéder au rendez-vous").click()

    assert page.get_by_text("Les lettres saisies ne correspondent pas au nom de famille").is_visible()
    visit.check("lien-mauvaises-lettres")


def test_a_slot_taken_meanwhile_sends_back_to_the_slot_list(visit: Visit, gateway: httpx.Client):
    page = visit.page
    starts_at = choose_a_slot(visit, "/prendre_rdv?public_link_organisation_id=1&prescripteur=1")
    fill_prescripteur_form(visit, unique_email("prescripteur"), unique_email("beneficiaire"), "Bernard")
    chosen = httpx.URL(page.url).params
    taken = gateway.post(
        "/api/v1/public/prescripteur/rdvs",
        json={
            "motif_id": int(chosen["motif_id"]),
            "lieu_id": int(chosen["lieu_id"]),
            "starts_at": starts_at,
            "prescripteur": {
                "first_name": "Autre",
                "last_name": "Prescripteur",
                "email": unique_email("autre"),
            },
            "beneficiary": {"first_name": "Autre", "last_name": "Personne", "phone_number": "0612345678"},
        },
    )
    assert taken.status_code == 201, taken.text

    page.get_by_role("button", name="Confirmer le rendez-vous").click()

    assert page.get_by_role("heading", name="Ce créneau n'est plus disponible").is_visible()
    assert "Choix du créneau" in page.title()
    visit.check("creneau-pris")


def fill_prescripteur_form(visit: Visit, prescripteur: str, beneficiary: str, last_name: str) -> None:
    page = visit.page
    visit.check("prescripteur")
    page.get_by_label("Votre prénom", exact=True).fill("Alix")
    page.get_by_label("Votre nom", exact=True).fill("Morel")
    page.get_by_label("Votre adresse e-mail").fill(prescripteur)
    page.get_by_label("Prénom du bénéficiaire", exact=True).fill("Sam")
    page.get_by_label("Nom du bénéficiaire", exact=True).fill(last_name)
    page.get_by_label("E-mail du bénéficiaire").fill(beneficiary)


def book_as_prescripteur(visit: Visit, beneficiary: str, last_name: str) -> None:
    choose_a_slot(visit, "/prendre_rdv?public_link_organisation_id=1&prescripteur=1")
    fill_prescripteur_form(visit, unique_email("prescripteur"), beneficiary, last_name)
    visit.page.get_by_role("button", name="Confirmer le rendez-vous").click()
    assert visit.page.get_by_text("Votre rendez-vous est confirmé.").is_visible()
