"""Statistics against the real database, checked against hand-counted RDVs, for each role."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from rdv_contracts import directory as dr
from rdv_contracts.booking import CreatorType, RdvStatus

from .conftest import (
    ADMIN,
    AGENT,
    COLLEAGUE,
    LIEU,
    MOTIF,
    NOW,
    ORG,
    OTHER_ORG,
    OTHER_SERVICE_MOTIF,
    SECRETARY,
    SERVICE,
    TERRITORY,
    Booking,
)  # fmt: skip
from .test_exports import add_rdv, exporting  # noqa: F401 (a fixture)

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=NOW.tzinfo)  # ISO week 2026-W47
S, N, E, R, U = RdvStatus.SEEN, RdvStatus.NOSHOW, RdvStatus.EXCUSED, RdvStatus.REVOKED, RdvStatus.UNKNOWN


@pytest.fixture
async def counted(exporting: Booking) -> Booking:  # noqa: F811
    """Hand-counted: 8 RDVs in ORG, 6 of them past (days before NOW's Monday 23/11), 1 in OTHER_ORG."""
    week47 = [
        (S, MOTIF, [AGENT], CreatorType.AGENT),
        (S, MOTIF, [COLLEAGUE], CreatorType.USER),
        (N, MOTIF, [AGENT], CreatorType.USER),
        (E, OTHER_SERVICE_MOTIF, [COLLEAGUE], CreatorType.PRESCRIPTEUR),
        (R, OTHER_SERVICE_MOTIF, [AGENT, COLLEAGUE], CreatorType.AGENT),
        (U, MOTIF, [COLLEAGUE], CreatorType.AGENT),
    ]
    for day, (status, motif, agents, origin) in enumerate(week47):
        await add_rdv(exporting, MONDAY + timedelta(days=day), status=status, motif_id=motif,
                      agent_ids=agents, created_by=origin)  # fmt: skip
    await add_rdv(exporting, NOW + timedelta(days=1), agent_ids=[COLLEAGUE], lieu_id=None)
    await add_rdv(exporting, NOW + timedelta(days=2), motif_id=OTHER_SERVICE_MOTIF, agent_ids=[COLLEAGUE])
    await exporting.apply(dr.MotifCreated(id=90, organisation_id=OTHER_ORG, service_id=SERVICE, name="X"), 90)
    await add_rdv(exporting, MONDAY, organisation_id=OTHER_ORG, motif_id=90, agent_ids=[ADMIN], lieu_id=None)
    return exporting


def by(items: list[dict], key: str = "id") -> dict:
    return {item[key]: item["count"] for item in items}


async def test_organisation_statistics_match_the_hand_count(counted: Booking):
    answer = await counted.client.get(
        f"/api/v1/stats/organisations/{ORG}", headers=counted.agent_headers(ADMIN, "admin")
    )

    assert answer.status_code == 200, answer.text
    s = answer.json()["statistics"]
    assert s["rdvs_count"] == 8 and s["past_rdvs_count"] == 6 and s["to_fill_in_count"] == 1
    assert by(s["by_status"], "status") == {"seen": 2, "noshow": 1, "excused": 1, "revoked": 1, "unknown": 3}
    assert {i["status"]: i["label"] for i in s["by_status"]}["noshow"] == "Absent non excusé"
    assert by(s["by_origin"], "origin") == {"agent": 5, "user": 2, "prescripteur": 1}
    assert by(s["by_week"], "week") == {"2026-W47": 6, "2026-W48": 2}
    assert by(s["by_motif"]) == {MOTIF: 5, OTHER_SERVICE_MOTIF: 3}
    assert {i["id"]: i["name"] for i in s["by_motif"]}[MOTIF] == "Accueil"
    assert by(s["by_service"]) == {SERVICE: 5, 11: 3}
    assert by(s["by_lieu"]) == {LIEU: 7, None: 1}
    assert by(s["by_agent"]) == {AGENT: 3, COLLEAGUE: 6}
    assert s["cancellation_rate"] == round(2 / 6, 4) and s["noshow_rate"] == round(1 / 6, 4)


async def test_a_period_limits_the_counts(counted: Booking):
    params = {"starts_after": NOW.isoformat(), "starts_before": (NOW + timedelta(days=7)).isoformat()}
    answer = await counted.client.get(
        f"/api/v1/stats/organisations/{ORG}", params=params, headers=counted.agent_headers(ADMIN, "admin")
    )

    s = answer.json()["statistics"]
    assert s["rdvs_count"] == 2 and s["past_rdvs_count"] == 0 and s["cancellation_rate"] is None


async def test_basic_agents_count_their_scope_and_the_secretariat_the_whole_organisation(counted: Booking):
    basic = await counted.client.get(
        f"/api/v1/stats/organisations/{ORG}", headers=counted.agent_headers(AGENT)
    )
    secretariat = counted.agent_headers(SECRETARY, services=[99], secretariat=True)
    whole = await counted.client.get(f"/api/v1/stats/organisations/{ORG}", headers=secretariat)

    # Service social's 5 RDVs, plus AGENT's own RDV of another service (the revoked one).
    assert basic.json()["statistics"]["rdvs_count"] == 6
    assert whole.json()["statistics"]["rdvs_count"] == 8


async def test_territory_statistics_are_for_its_admins_only(counted: Booking):
    territory_admin = counted.agent_headers(999, orgs=[], territories=[TERRITORY])
    answer = await counted.client.get(f"/api/v1/stats/territories/{TERRITORY}", headers=territory_admin)
    admin = counted.agent_headers(ADMIN, "admin")

    s = answer.json()["statistics"]
    assert s["rdvs_count"] == 9 and by(s["by_organisation"]) == {ORG: 8, OTHER_ORG: 1}
    assert (
        await counted.client.get(f"/api/v1/stats/territories/{TERRITORY}", headers=admin)
    ).status_code == 404
    assert (
        await counted.client.get(f"/api/v1/stats/organisations/{ORG}", headers=territory_admin)
    ).status_code == 200


async def test_another_organisation_does_not_exist_for_its_non_members(counted: Booking):
    foreign = counted.agent_headers(ADMIN, orgs=[{"id": 77, "level": "admin"}], territories=[])

    for path in (f"/api/v1/stats/organisations/{ORG}", f"/api/v1/stats/organisations/{ORG}/csv"):
        assert (await counted.client.get(path, headers=foreign)).status_code == 404
    bad = await counted.client.get(
        f"/api/v1/stats/organisations/{ORG}", params={"starts_after": "hier"}, headers=counted.agent_headers()
    )
    assert bad.status_code == 422 and "starts_after" in bad.json()["errors"]


async def test_statistics_download_as_csv_with_french_labels(counted: Booking):
    answer = await counted.client.get(
        f"/api/v1/stats/organisations/{ORG}/csv", headers=counted.agent_headers(ADMIN, "admin")
    )

    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"] == 'attachment; filename="statistiques-org-000001.csv"'
    rows = list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Indicateur", "Identifiant", "Libellé", "Valeur"]
    assert ["RDV", "", "Nombre de RDV", "8"] in rows
    assert ["À renseigner", "", "RDV passés au statut à renseigner", "1"] in rows
    assert ["Taux d'annulation", "", "Annulés / RDV passés", "0,3333"] in rows
    assert ["Statut", "seen", "Vu", "2"] in rows and ["Origine", "user", "Usager", "2"] in rows
    assert ["Motif", str(MOTIF), "Accueil", "5"] in rows and ["Semaine", "2026-W47", "2026-W47", "6"] in rows
