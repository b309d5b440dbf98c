"""Exports against the real database: asked through the API, produced by the worker's job, read back
cell by cell with openpyxl, downloadable by their owner only, announced by `export.completed`."""

import asyncio
import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import openpyxl
import pytest
from booking.adapters.export_source import SqlExportSource
from booking.adapters.export_spreadsheet import xlsx_spreadsheet
from booking.adapters.export_unit_of_work import ExportsUnitOfWork
from booking.adapters.tables import export_chunks, exports
from booking.application.produce_export import ProduceExport
from booking.application.purge_expired_exports import PurgeExpiredExports
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.entrypoints.http.export_wiring import mount_exports
from rdv_chassis.auth.signing import sign
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import read_topic
from rdv_contracts import directory as dr
from rdv_contracts.booking import CreatorType, Prescripteur, RdvStatus
from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import func, select

from .conftest import (
    ADMIN,
    AGENT,
    AUDIENCE,
    COLLEAGUE,
    ISSUER,
    KEY,
    LIEU,
    MOTIF,
    NOW,
    ORG,
    OTHER_ORG,
    OTHER_SERVICE_MOTIF,
    SECRETARY,
    SERVICE,
    TERRITORY,
    USER,
    Booking,
)  # fmt: skip


@pytest.fixture
async def exporting(booking: Booking) -> Booking:
    mount_exports(booking.app, booking.database)
    await booking.apply(
        dr.UserUpdated(
            id=USER, first_name="Élodie", last_name="Le Bœuf", email="elodie@example.org",
            phone_number="0611223344", post_code="62000", version=2,
        ),
        USER,
    )  # fmt: skip
    return booking


async def add_rdv(
    booking: Booking,
    starts_at: datetime,
    *,
    status: RdvStatus = RdvStatus.UNKNOWN,
    motif_id: int = MOTIF,
    agent_ids: Sequence[int] = (AGENT,),
    user_ids: Sequence[int] = (USER,),
    created_by: CreatorType = CreatorType.AGENT,
    created_by_id: int | None = AGENT,
    lieu_id: int | None = LIEU,
    organisation_id: int = ORG,
    **extra: Any,
) -> int:
    people = [
        Participation(u, status, True, True, created_by, created_by_id) for u in user_ids
    ]  # fmt: skip
    rdv = Rdv(
        organisation_id=organisation_id, motif_id=motif_id, starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30), agent_ids=list(agent_ids), participations=people,
        created_by=created_by, created_by_id=created_by_id, created_at=NOW - timedelta(days=3),
        lieu_id=lieu_id, status=status, forced=True, **extra,
    )  # fmt: skip
    async with units(booking)() as unit:
        await unit.rdvs.add(rdv)
        await unit.commit()
    assert rdv.id is not None
    return rdv.id


def units(booking: Booking) -> Any:
    db = booking.database
    return lambda: ExportsUnitOfWork(db.sessions, db.outbox, db.producer)


def worker(booking: Booking, spreadsheets: Any = xlsx_spreadsheet) -> ProduceExport:
    return ProduceExport(units(booking), spreadsheets, lambda: booking.clock[0])


async def ask(booking: Booking, headers: dict[str, str], **body: Any) -> Any:
    return await booking.client.post("/api/v1/exports", json={"organisation_id": ORG} | body, headers=headers)


async def produced_sheet(booking: Booking, headers: dict[str, str], **body: Any) -> list[tuple[Any, ...]]:
    asked = await ask(booking, headers, **body)
    assert asked.status_code == 202, asked.text
    assert await worker(booking)() == 1
    export_id = asked.json()["export"]["id"]
    download = await booking.client.get(f"/api/v1/exports/{export_id}/file", headers=headers)
    assert download.status_code == 200, download.text
    book = openpyxl.load_workbook(io.BytesIO(download.content), read_only=True)
    return list(book.active.iter_rows(values_only=True))


async def test_admin_export_is_produced_in_the_background_and_read_back_cell_by_cell(exporting: Booking):
    admin = exporting.agent_headers(ADMIN, "admin")
    first = await add_rdv(exporting, NOW - timedelta(days=2), context="Dossier RSA")
    second = await add_rdv(
        exporting, NOW + timedelta(days=1, hours=1), status=RdvStatus.REVOKED,
        created_by=CreatorType.PRESCRIPTEUR, created_by_id=None, agent_ids=[AGENT, COLLEAGUE],
        prescripteur=Prescripteur(first_name="Jean", last_name="Aidant", email="j@a.fr"),
    )  # fmt: skip

    asked = await ask(exporting, admin)
    assert asked.status_code == 202 and asked.json()["export"]["state"] == "pending"
    listed = await exporting.client.get("/api/v1/exports", headers=admin)
    assert [e["state"] for e in listed.json()["exports"]] == ["pending"]
    assert await worker(exporting)() == 1
    assert await worker(exporting)() == 0

    done = (await exporting.client.get("/api/v1/exports", headers=admin)).json()["exports"][0]
    assert done["state"] == "done" and done["rows_count"] == 2
    assert done["file_name"] == "export-rdv-2026-11-23-org-000001.xlsx"
    download = await exporting.client.get(done["download_url"], headers=admin)
    assert download.status_code == 200
    assert (
        download.headers["content-disposition"]
        == 'attachment; filename="export-rdv-2026-11-23-org-000001.xlsx"'
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[:7] == (
        "Année",
        "Date prise RDV",
        "Heure prise RDV",
        "Origine",
        "Date RDV",
        "Heure RDV",
        "Durée (min)",
    )
    one, two = (dict(zip(headers, row, strict=True)) for row in rows[1:])
    assert one == {
        "Année": 2026, "Date prise RDV": "20/11/2026", "Heure prise RDV": "10:00", "Origine": "Agent",
        "Date RDV": "21/11/2026", "Heure RDV": "10:00", "Durée (min)": 30, "Service": "Service social",
        "Motif": "Accueil", "Contexte": "Dossier RSA", "Statut": "À renseigner", "Lieu": "MDS",
        "Professionnel.le(s)": "Agent100", "Usager(s)": "Élodie Le Bœuf", "Téléphone(s)": "0611223344",
        "E-mail(s)": "elodie@example.org", "Organisation": "MDS 1", "Créé par": "Agent100",
        "E-mail(s) professionnel.le(s)": "a100@example.org", "ID RDV": first,
    }  # fmt: skip
    assert two["Statut"] == "Annulé à l'initiative du service" and two["Origine"] == "Prescripteur"
    assert two["Heure RDV"] == "11:00" and two["Professionnel.le(s)"] == "Agent100, Agent102"
    assert two["Créé par"] == "Jean Aidant (j@a.fr)" and two["ID RDV"] == second


async def test_completion_publishes_export_completed_in_the_same_transaction(
    exporting: Booking, kafka_bootstrap: str
):
    await add_rdv(exporting, NOW + timedelta(days=1))
    asked = await ask(exporting, exporting.agent_headers(ADMIN, "admin"))
    await worker(exporting)()

    [event] = [e for e in await exporting.outbox_events() if e.event_type == "export.completed"]
    export_id = asked.json()["export"]["id"]
    assert event.aggregate_id == str(export_id) and event.organisation_id == ORG
    assert event.payload["agent_id"] == ADMIN and event.payload["rows_count"] == 1
    assert event.payload["download_path"] == f"/api/v1/exports/{export_id}/file"
    await ensure_topics(kafka_bootstrap)
    await OutboxRelay(exporting.database.engine, KafkaSender(kafka_bootstrap, "exports-test", 10)).drain()
    records = await read_topic(kafka_bootstrap, "booking.export")
    assert any(r.value and EventEnvelope.from_wire(r.value).event_id == event.event_id for r in records)


async def test_participations_export_has_one_row_per_usager(exporting: Booking):
    rdv_id = await add_rdv(exporting, NOW + timedelta(days=1), user_ids=[USER, 201])

    rows = await produced_sheet(
        exporting, exporting.agent_headers(ADMIN, "admin"), export_type="participations_export"
    )

    people = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(p["ID RDV"], p["ID usager"], p["Usager"]) for p in people] == [
        (rdv_id, USER, "Élodie Le Bœuf"), (rdv_id, 201, "Léo Le Bœuf"),
    ]  # fmt: skip
    assert (
        people[0]["Statut de la participation"] == "À venir" and people[0]["E-mail"] == "elodie@example.org"
    )


async def test_filters_narrow_the_export_like_the_rdv_list(exporting: Booking):
    await add_rdv(exporting, NOW + timedelta(days=1))
    kept = await add_rdv(exporting, NOW + timedelta(days=3), status=RdvStatus.SEEN, agent_ids=[COLLEAGUE])
    await add_rdv(exporting, NOW + timedelta(days=20), status=RdvStatus.SEEN, agent_ids=[COLLEAGUE])

    rows = await produced_sheet(
        exporting, exporting.agent_headers(ADMIN, "admin"), agent_id=COLLEAGUE, status="seen",
        service_id=SERVICE, starts_after=NOW.isoformat(), starts_before=(NOW + timedelta(days=7)).isoformat(),
    )  # fmt: skip

    assert [row[-1] for row in rows[1:]] == [kept]


async def test_basic_agents_export_their_services_and_their_own_rdvs_secretariat_everything(
    exporting: Booking,
):
    mine_elsewhere = await add_rdv(exporting, NOW + timedelta(days=1), motif_id=OTHER_SERVICE_MOTIF)
    theirs = await add_rdv(
        exporting, NOW + timedelta(days=2), motif_id=OTHER_SERVICE_MOTIF, agent_ids=[COLLEAGUE]
    )
    my_service = await add_rdv(exporting, NOW + timedelta(days=3), agent_ids=[COLLEAGUE])

    basic = await produced_sheet(exporting, exporting.agent_headers(AGENT))
    secretary = await produced_sheet(
        exporting, exporting.agent_headers(SECRETARY, services=[99], secretariat=True)
    )

    assert [row[-1] for row in basic[1:]] == [mine_elsewhere, my_service]
    assert [row[-1] for row in secretary[1:]] == [mine_elsewhere, theirs, my_service]


async def test_a_territory_admin_without_a_role_gets_the_rdvs_without_the_usagers(exporting: Booking):
    await add_rdv(exporting, NOW + timedelta(days=1))
    territory_admin = exporting.agent_headers(999, orgs=[], territories=[TERRITORY])

    rows = await produced_sheet(exporting, territory_admin)

    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Motif"] == "Accueil" and row["Usager(s)"] is None and row["E-mail(s)"] is None


async def test_another_organisation_and_another_agents_export_do_not_exist(exporting: Booking):
    assert (
        await ask(exporting, exporting.agent_headers(), organisation_id=OTHER_ORG + 40)
    ).status_code == 404
    foreign = exporting.agent_headers(ADMIN, orgs=[{"id": OTHER_ORG + 1, "level": "admin"}])
    assert (await ask(exporting, foreign)).status_code == 404
    mine = (await ask(exporting, exporting.agent_headers())).json()["export"]["id"]
    await worker(exporting)()

    for path in (f"/api/v1/exports/{mine}", f"/api/v1/exports/{mine}/file"):
        assert (
            await exporting.client.get(path, headers=exporting.agent_headers(COLLEAGUE))
        ).status_code == 404
    listed = await exporting.client.get("/api/v1/exports", headers=exporting.agent_headers(COLLEAGUE))
    assert listed.json()["exports"] == []
    usager = await exporting.client.get("/api/v1/exports", headers=exporting.user_headers())
    assert usager.status_code == 403
    integration = {"sub": f"api_token:{COLLEAGUE}", "orgs": [{"id": ORG, "level": "admin"}]}
    token = {"Authorization": f"Bearer {sign(integration, KEY, ISSUER, AUDIENCE, ttl_seconds=600)}"}
    assert (await exporting.client.get("/api/v1/exports", headers=token)).status_code == 403


async def test_bad_requests_are_422_with_their_field_and_a_pending_file_is_409(exporting: Booking):
    headers = exporting.agent_headers()
    backwards = await ask(
        exporting, headers, starts_after=NOW.isoformat(), starts_before="2026-01-01T00:00:00Z"
    )
    naive = await ask(exporting, headers, starts_after="2026-11-01T00:00:00")
    unknown = await ask(exporting, headers, export_type="csv")
    pending = (await ask(exporting, headers)).json()["export"]["id"]

    assert backwards.status_code == 422 and "starts_before" in backwards.json()["errors"]
    assert naive.status_code == 422 and "starts_after" in naive.json()["errors"]
    assert unknown.status_code == 422 and "export_type" in unknown.json()["errors"]
    assert (await exporting.client.get(f"/api/v1/exports/{pending}/file", headers=headers)).status_code == 409


async def test_a_failure_mid_export_leaves_it_pending_with_nothing_written_then_it_is_retried(
    exporting: Booking,
):
    for day in range(3):
        await add_rdv(exporting, NOW + timedelta(days=day + 1))
    export_id = (await ask(exporting, exporting.agent_headers(ADMIN, "admin"))).json()["export"]["id"]

    def crashing(title: str, headers: list[str]) -> Any:
        class Crash:
            def __enter__(self) -> "Crash":
                return self

            def __exit__(self, *_: object) -> None:
                return None

            def append_rows(self, rows: Any) -> None:
                raise OSError("disk full")

        return Crash()

    assert await worker(exporting, crashing)() == 1
    async with exporting.database.sessions() as session:
        state = (await session.execute(select(exports.c.state, exports.c.attempts))).one()
        chunks = (await session.execute(select(func.count()).select_from(export_chunks))).scalar()
    assert tuple(state) == ("pending", 1) and chunks == 0
    assert not [e for e in await exporting.outbox_events() if e.event_type == "export.completed"]

    assert await worker(exporting)() == 1
    done = await exporting.client.get(
        f"/api/v1/exports/{export_id}", headers=exporting.agent_headers(ADMIN, "admin")
    )
    assert done.json()["export"]["state"] == "done" and done.json()["export"]["rows_count"] == 3


async def test_expired_exports_are_deleted_with_their_files(exporting: Booking):
    headers = exporting.agent_headers()
    old = (await ask(exporting, headers)).json()["export"]["id"]
    await worker(exporting)()
    exporting.clock[0] = NOW + timedelta(days=8)
    recent = (await ask(exporting, headers)).json()["export"]["id"]

    assert await PurgeExpiredExports(units(exporting), lambda: exporting.clock[0])() == 1

    listed = (await exporting.client.get("/api/v1/exports", headers=headers)).json()["exports"]
    assert [e["id"] for e in listed] == [recent]
    assert (await exporting.client.get(f"/api/v1/exports/{old}", headers=headers)).status_code == 404
    async with exporting.database.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(export_chunks))).scalar() == 0


class ReadsThatBreak(ExportsUnitOfWork):
    """The RDVs' stream breaks after its first batch (of one RDV)."""

    async def __aenter__(self) -> "ReadsThatBreak":
        await super().__aenter__()
        real = SqlExportSource(self.session, batch_size=1)

        class Breaking:
            async def rdvs(self, export: Any) -> Any:
                async for batch in real.rdvs(export):
                    yield batch
                    raise RuntimeError("connection lost")

        self.export_source = Breaking()  # type: ignore[assignment]
        return self


async def test_a_stream_broken_mid_way_leaves_the_export_pending_and_the_worker_free(exporting: Booking):
    for day in range(3):
        await add_rdv(exporting, NOW + timedelta(days=day + 1))
    await ask(exporting, exporting.agent_headers(ADMIN, "admin"))
    db = exporting.database

    def breaking() -> ExportsUnitOfWork:
        return ReadsThatBreak(db.sessions, db.outbox, db.producer)

    produce = ProduceExport(breaking, xlsx_spreadsheet, lambda: exporting.clock[0])
    assert await asyncio.wait_for(produce(), timeout=30) == 1

    async with exporting.database.sessions() as session:
        state = (await session.execute(select(exports.c.state, exports.c.attempts))).one()
    assert tuple(state) == ("pending", 1)
    assert await worker(exporting)() == 1


async def test_an_id_filter_beyond_the_database_integers_is_refused_before_the_worker_sees_it(exporting):
    response = await exporting.client.post(
        "/api/v1/exports",
        json={"organisation_id": ORG, "agent_id": 3163183303524024},
        headers=exporting.agent_headers(level="admin"),
    )
    assert response.status_code == 422, response.text
    assert list(response.json()["errors"]) == ["agent_id"]
