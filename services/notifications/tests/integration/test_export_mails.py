"""booking's `export.completed` → one "Votre export est prêt" e-mail to the export's owner."""

from datetime import UTC, datetime

from notifications.testing import factories as f
from rdv_chassis.messaging.inbox import Outcome
from rdv_contracts.booking import ExportCompleted, ExportType

from .conftest import publish_directory


def completed(agent_id: int, organisation_id: int, export_id: int = 12) -> ExportCompleted:
    return ExportCompleted(
        export_id=export_id,
        agent_id=agent_id,
        organisation_id=organisation_id,
        export_type=ExportType.RDV_EXPORT,
        file_name="export-rdv-2031-01-13-org-000001.xlsx",
        rows_count=1250,
        download_path=f"/api/v1/exports/{export_id}/file",
        expires_at=datetime(2031, 1, 20, 9, 0, tzinfo=UTC),
    )


async def test_the_owner_is_mailed_once_with_a_link_even_when_the_event_is_replayed(world, smtp_server):
    d = await publish_directory(world)
    event = f.wrap(completed(d.agent.id, d.organisation.id), 12, d.organisation.id)

    outcomes = await world.feed(event, event)
    await world.dispatch()

    assert outcomes == [Outcome.PROCESSED, Outcome.DUPLICATE]
    [mail] = smtp_server.to(d.agent.email)
    assert mail["Subject"] == "Votre export est prêt"
    text = mail.get_body(("plain",)).get_content()
    assert "export-rdv-2031-01-13-org-000001.xlsx" in text and "1250 lignes" in text
    assert "https://rdv.example.fr/api/v1/exports/12/file" in text
    assert "lundi 20 janvier 2031 à 10h00" in text
    html = mail.get_body(("html",)).get_content()
    assert 'href="https://rdv.example.fr/api/v1/exports/12/file"' in html
    [row] = await world.deliveries()
    assert row["event"] == "export_completed" and row["agent_id"] == d.agent.id
    assert row["result"] == "sent"


async def test_an_agent_without_an_address_gets_nothing(world, smtp_server):
    d = await publish_directory(world)
    intervenant = f.agent(email=None, last_name="Guichet 1")
    await world.feed(f.wrap(intervenant, intervenant.id))

    await world.feed(f.wrap(completed(intervenant.id, d.organisation.id), 12, d.organisation.id))

    assert await world.deliveries() == []
