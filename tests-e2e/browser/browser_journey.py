"""Steps of the booking journey shared by the browser scenarios."""

import re
import time
import uuid

import httpx
from browser_visit import Visit

ORGANISATION_LINK = "/prendre_rdv?public_link_organisation_id=1"
MOTIF = "Consultation PMI"


def choose_a_slot(visit: Visit, link: str = ORGANISATION_LINK) -> str:
    """From the organisation's link to the identification step; returns the chosen slot's ISO time."""
    page = visit.page
    page.goto(link)
    visit.check("motif")
    page.locator("label", has_text=MOTIF).click()  # DSFR draws the radio under its label
    page.get_by_role("button", name="Continuer").click()
    if page.get_by_role("button", name="J'ai lu et j'accepte ces consignes").count():
        visit.check("consignes")
        page.get_by_role("button", name="J'ai lu et j'accepte ces consignes").click()
    visit.check("lieu")
    page.locator(".fr-tile__title a").first.click()
    if page.get_by_text("Aucun créneau disponible cette semaine").count():
        visit.check("semaine-vide")
        page.get_by_role("link", name=re.compile(r"\d{4} à")).click()
    visit.check("creneau")
    slot = page.locator(".fr-tags-group a.fr-tag[href*='starts_at=']").first
    href = slot.get_attribute("href") or ""
    slot.click()
    return httpx.URL(href).params["starts_at"]


def unique_email(who: str) -> str:
    return f"{who}-{uuid.uuid4().hex[:10]}@example.org"


def mail_to(mailbox: httpx.Client, address: str, subject_part: str, attempts: int = 60) -> dict[str, object]:
    for _ in range(attempts):
        found = [
            m for m in mailbox.get("/messages", params={"to": address}).json() if subject_part in m["subject"]
        ]
        if found:
            return found[-1]
        time.sleep(0.5)
    raise AssertionError(f"no mail to {address} about {subject_part!r}")


def link_in(mail: dict[str, object], pattern: str) -> str:
    found = re.search(pattern, str(mail["text"]))
    assert found, f"no link matching {pattern} in: {mail['text']}"
    return found.group(0)
