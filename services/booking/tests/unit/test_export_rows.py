from datetime import UTC, datetime, timedelta

import pytest
from booking.domain.export import FAILED, PENDING, Export, ExportFilters, ExportScope, file_name
from booking.domain.export_errors import InvalidExport
from booking.domain.export_records import ExportedAgent, ExportedPerson, ExportedRdv
from booking.domain.export_rows import PARTICIPATION_HEADERS, RDV_HEADERS, RowBuilder
from booking.domain.rights import AgentAccess
from rdv_contracts.booking import CreatorType, ExportType, RdvStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ORG, TERRITORY = 1, 7


def person(user_id: int = 200, status: RdvStatus = RdvStatus.UNKNOWN) -> ExportedPerson:
    return ExportedPerson(
        participation_id=user_id + 1000,
        user_id=user_id,
        first_name="Élodie",
        last_name="Le Bœuf",
        status=status,
        created_by=CreatorType.USER,
        email="elodie@example.org",
        phone_number="0611223344",
        post_code="62000",
    )


def rdv(starts_at: datetime, status: RdvStatus = RdvStatus.UNKNOWN, **changes: object) -> ExportedRdv:
    fields: dict[str, object] = dict(
        id=42,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        created_at=datetime(2026, 11, 20, 16, 5, tzinfo=UTC),
        status=status,
        created_by=CreatorType.USER,
        organisation="MDS Arras",
        motif="Accueil",
        service="Service social",
        lieu="MDS",
        agents=[ExportedAgent("Marie Curie", "marie@example.org"), ExportedAgent("Paul Dupont")],
        people=[person()],
        context="Dossier RSA",
        creator="Élodie Le Bœuf",
    )
    return ExportedRdv(**(fields | changes))  # type: ignore[arg-type]


def test_rdv_row_has_french_headers_and_local_dates_and_times():
    builder = RowBuilder(ExportType.RDV_EXPORT, "Europe/Paris", NOW, personal_data=True)
    [row] = builder.rows(rdv(datetime(2026, 11, 25, 9, 0, tzinfo=UTC)))

    assert builder.headers == RDV_HEADERS
    assert dict(zip(RDV_HEADERS, row, strict=True)) == {
        "Année": 2026,
        "Date prise RDV": "20/11/2026",
        "Heure prise RDV": "17:05",
        "Origine": "Usager",
        "Date RDV": "25/11/2026",
        "Heure RDV": "10:00",
        "Durée (min)": 30,
        "Service": "Service social",
        "Motif": "Accueil",
        "Contexte": "Dossier RSA",
        "Statut": "À venir",
        "Lieu": "MDS",
        "Professionnel.le(s)": "Marie Curie, Paul Dupont",
        "Usager(s)": "Élodie Le Bœuf",
        "Téléphone(s)": "0611223344",
        "E-mail(s)": "elodie@example.org",
        "Organisation": "MDS Arras",
        "Créé par": "Élodie Le Bœuf",
        "E-mail(s) professionnel.le(s)": "marie@example.org",
        "ID RDV": 42,
    }


def test_overseas_territories_get_their_own_time_and_day():
    builder = RowBuilder(ExportType.RDV_EXPORT, "America/Guadeloupe", NOW, personal_data=True)
    [row] = builder.rows(rdv(datetime(2026, 11, 25, 2, 30, tzinfo=UTC)))

    assert row[RDV_HEADERS.index("Date RDV")] == "24/11/2026"
    assert row[RDV_HEADERS.index("Heure RDV")] == "22:30"


def test_a_past_rdv_still_unknown_reads_a_renseigner_once_its_local_day_is_over():
    builder = RowBuilder(ExportType.RDV_EXPORT, "Europe/Paris", NOW, personal_data=True)
    status = RDV_HEADERS.index("Statut")

    assert next(builder.rows(rdv(NOW - timedelta(days=1))))[status] == "À renseigner"
    assert next(builder.rows(rdv(NOW - timedelta(hours=2))))[status] == "À venir"
    assert next(builder.rows(rdv(NOW - timedelta(days=1), RdvStatus.SEEN)))[status] == "Vu"
    assert next(builder.rows(rdv(NOW, RdvStatus.REVOKED)))[status] == "Annulé à l'initiative du service"


def test_usagers_names_and_contacts_stay_blank_without_the_right_to_see_them():
    builder = RowBuilder(ExportType.RDV_EXPORT, "Europe/Paris", NOW, personal_data=False)
    row = dict(zip(RDV_HEADERS, next(builder.rows(rdv(NOW))), strict=True))

    assert row["Usager(s)"] is None and row["Téléphone(s)"] is None and row["E-mail(s)"] is None
    assert row["Créé par"] is None
    assert row["Motif"] == "Accueil" and row["Professionnel.le(s)"] == "Marie Curie, Paul Dupont"


def test_an_agent_creator_is_named_even_without_personal_data():
    builder = RowBuilder(ExportType.RDV_EXPORT, "Europe/Paris", NOW, personal_data=False)
    row = next(builder.rows(rdv(NOW, created_by=CreatorType.AGENT, creator="Marie Curie")))

    assert row[RDV_HEADERS.index("Origine")] == "Agent"
    assert row[RDV_HEADERS.index("Créé par")] == "Marie Curie"


def test_participations_export_has_one_row_per_usager_with_its_own_status():
    two = rdv(NOW + timedelta(days=1), people=[person(200), person(201, RdvStatus.EXCUSED)])
    builder = RowBuilder(ExportType.PARTICIPATIONS_EXPORT, "Europe/Paris", NOW, personal_data=True)
    rows = [dict(zip(PARTICIPATION_HEADERS, r, strict=True)) for r in builder.rows(two)]

    assert [r["ID usager"] for r in rows] == [200, 201]
    assert [r["Statut de la participation"] for r in rows] == ["À venir", "Absent excusé"]
    assert rows[0]["Usager"] == "Élodie Le Bœuf" and rows[0]["Code postal"] == "62000"
    assert {r["ID RDV"] for r in rows} == {42}


def test_file_names_keep_the_reference_layout():
    assert file_name(ExportType.RDV_EXPORT, NOW.date(), 123) == "export-rdv-2026-11-23-org-000123.xlsx"
    assert file_name(ExportType.PARTICIPATIONS_EXPORT, NOW.date(), 1).startswith(
        "export-rdvs-user-2026-11-23"
    )


def test_a_period_that_ends_before_it_starts_is_refused_with_its_field():
    with pytest.raises(InvalidExport) as refused:
        ExportFilters(starts_after=NOW, starts_before=NOW - timedelta(days=1))
    assert refused.value.field == "starts_before"


def test_scope_follows_the_rights_of_each_role():
    basic = ExportScope.of(AgentAccess(5, {ORG: "basic"}, frozenset({10})), ORG, TERRITORY)
    admin = ExportScope.of(AgentAccess(5, {ORG: "admin"}), ORG, TERRITORY)
    secretary = ExportScope.of(AgentAccess(5, {ORG: "basic"}, secretariat=True), ORG, TERRITORY)
    territory_admin = ExportScope.of(
        AgentAccess(5, {}, territory_admin_ids=frozenset({TERRITORY})), ORG, TERRITORY
    )

    assert not basic.whole_organisation and basic.service_ids == {10} and basic.personal_data
    assert admin.whole_organisation and admin.personal_data
    assert secretary.whole_organisation
    assert territory_admin.whole_organisation and not territory_admin.personal_data


def test_an_export_is_kept_seven_days_after_completion_and_given_up_after_three_failures():
    export = Export(5, ORG, ExportType.RDV_EXPORT, ExportFilters(), ExportScope(5, True), NOW)
    export.fail_once()
    export.fail_once()
    assert export.state == PENDING
    export.complete(10, 2048, NOW + timedelta(minutes=1))
    assert export.expires_at == NOW + timedelta(days=7, minutes=1)

    failing = Export(5, ORG, ExportType.RDV_EXPORT, ExportFilters(), ExportScope(5, True), NOW)
    for _ in range(3):
        failing.fail_once()
    assert failing.state == FAILED
