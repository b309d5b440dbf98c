from datetime import UTC, datetime

import httpx
import pytest
from notifications.application.anonymise_old_receipts import AnonymiseOldReceipts
from notifications.bootstrap import build_app
from notifications.testing import factories as f
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.signing import generate_rsa_key, jwks_document, sign
from rdv_contracts import booking as bk

from .conftest import CALLBACK_TOKEN, publish_directory

KEY = generate_rsa_key("test-key")


def token(sub: str, orgs: list[int], territories: list[int] | None = None) -> str:
    claims = {
        "sub": sub,
        "orgs": [{"id": o, "level": "basic"} for o in orgs],
        "territories": territories or [],
    }
    return sign(claims, KEY, "rdv-directory", "rdv-platform", 300)


@pytest.fixture
def client(world):
    jwks = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=jwks_document([KEY])))
    )
    verifier = TokenVerifier(JwksClient("http://jwks.test", jwks), "rdv-directory", "rdv-platform")
    app = build_app(world.services.settings, world.database, verifier=verifier, clock=world.clock)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://notifications.test")


async def sent_rdv(world):
    d = await publish_directory(world)
    snapshot = f.rdv(
        d.organisation.id,
        d.motif.id,
        [d.agent.id],
        [d.user.id],
        datetime(2031, 1, 13, 9, tzinfo=UTC),
        lieu_id=d.lieu.id,
    )
    await world.feed(f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, d.organisation.id))
    await world.dispatch()
    return d, snapshot


async def test_agents_of_the_organisation_see_the_receipts_with_masked_recipients(world, client):
    d, snapshot = await sent_rdv(world)
    response = await client.get(
        f"/api/v1/rdvs/{snapshot.id}/receipts",
        headers={"Authorization": f"Bearer {token('agent:1', [d.organisation.id])}"},
    )
    assert response.status_code == 200
    receipts = {(r["channel"], r["recipient"]): r for r in response.json()["receipts"]}
    assert set(receipts) == {
        ("mail", "h***@e***.fr"),
        ("sms", "+336******78"),
        ("mail", f"{d.agent.email[0]}***@m***.fr"),
    }
    sms = receipts[("sms", "+336******78")]
    assert (sms["event"], sms["result"], sms["sms_count"]) == ("rdv_created", "sent", 1)


async def test_anonymised_receipts_are_listed_without_recipient_nor_content(world, client):
    d, snapshot = await sent_rdv(world)
    async with world.database.engine.begin() as conn:
        await conn.exec_driver_sql("UPDATE deliveries SET created_at = now() - interval '200 days'")
    await AnonymiseOldReceipts(world.services.unit, world.clock)()
    response = await client.get(
        f"/api/v1/rdvs/{snapshot.id}/receipts",
        headers={"Authorization": f"Bearer {token('agent:1', [d.organisation.id])}"},
    )
    assert response.status_code == 200
    receipts = response.json()["receipts"]
    assert len(receipts) == 3
    assert all((r["recipient"], r["content"], r["result"]) == (None, None, "sent") for r in receipts)


async def test_a_foreign_organisation_gets_404_and_a_missing_token_401(world, client):
    _, snapshot = await sent_rdv(world)
    foreign = await client.get(
        f"/api/v1/receipts?rdv_id={snapshot.id}",
        headers={"Authorization": f"Bearer {token('agent:9', [424242])}"},
    )
    assert foreign.status_code == 404
    assert (await client.get(f"/api/v1/receipts?rdv_id={snapshot.id}")).status_code == 401
    bad = await client.get(
        "/api/v1/receipts?rdv_id=abc", headers={"Authorization": f"Bearer {token('agent:9', [1])}"}
    )
    assert bad.status_code == 422 and "rdv_id" in bad.json()["errors"]


async def test_the_admins_of_its_territory_see_the_receipts_and_those_of_another_do_not(world, client):
    d, snapshot = await sent_rdv(world)

    def as_territory_admin(territory_id: int) -> dict[str, str]:
        return {"Authorization": f"Bearer {token('agent:7', [424242], [territory_id])}"}

    own = await client.get(f"/api/v1/rdvs/{snapshot.id}/receipts", headers=as_territory_admin(d.territory.id))
    other = await client.get(
        f"/api/v1/rdvs/{snapshot.id}/receipts", headers=as_territory_admin(d.territory.id + 1)
    )

    assert own.status_code == 200 and len(own.json()["receipts"]) == 3
    assert other.status_code == 404


async def test_brevo_delivery_report_marks_the_receipt_delivered_and_publishes_it(world, client, brevo):
    await sent_rdv(world)
    [row] = [r for r in await world.deliveries() if r["channel"] == "sms"]
    url = f"/api/v1/sms_callbacks/send_in_blue/{CALLBACK_TOKEN}"
    body = {
        "id": 26570,
        "to": "33612345678",
        "sms_count": 1,
        "messageId": int(row["provider_message_id"]),
        "msg_status": "delivered",
        "type": "transactional",
    }
    assert (await client.post(url, json=body)).status_code == 204
    assert (await client.post(url, json=body)).status_code == 204  # repeated: no change
    assert (
        await client.post(url, json={**body, "msg_status": "sent"})
    ).status_code == 204  # late: no downgrade
    [row] = [r for r in await world.deliveries() if r["id"] == row["id"]]
    assert row["result"] == "delivered"
    events = await world.rows(
        "SELECT event_type FROM outbox WHERE key = :key ORDER BY position", key=str(row["id"])
    )
    assert [e["event_type"] for e in events] == ["receipt.created", "receipt.updated"]


async def test_delivery_reports_need_the_secret_token_and_a_known_message(world, client):
    body = {"messageId": 1, "msg_status": "delivered"}
    assert (await client.post("/api/v1/sms_callbacks/send_in_blue/wrong", json=body)).status_code == 404
    assert (await client.post("/api/v1/sms_callbacks/send_in_blue/é-token", json=body)).status_code == 404
    assert (
        await client.post(f"/api/v1/sms_callbacks/send_in_blue/{CALLBACK_TOKEN}", json=body)
    ).status_code == 404
    malformed = await client.post(
        f"/api/v1/sms_callbacks/send_in_blue/{CALLBACK_TOKEN}", json={"msg_status": "x"}
    )
    assert malformed.status_code == 422
