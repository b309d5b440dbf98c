import base64
import hashlib
import hmac
import json
import secrets
from datetime import timedelta

import pytest
from calsync_support import events
from calsync_support.harness import Harness
from calsync_support.receiver import WebhookReceiver
from calsync_support.world import World, rdv_of
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

pytestmark = pytest.mark.integration


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


async def register(harness: Harness, world: World, url: str, secret: str, **extra: object) -> dict:
    response = await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={"target_url": url, "secret": secret, "trigger": False, **extra},
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    assert response.status_code == 201, response.text
    return response.json()["webhook_endpoint"]


async def test_rdv_created_reaches_the_receiver_signed_for_both_verifiers(harness, world, receiver):
    secret = new_secret()
    await register(harness, world, receiver.url, secret)
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))

    assert await harness.deliver_webhooks() == 1

    [request] = receiver.requests
    expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request.headers["x-lapin-signature"], expected)
    Webhook(secret).verify(request.body, request.headers)
    payload = json.loads(request.body)
    assert payload["meta"] | {"timestamp": None} == {
        "model": "Rdv",
        "event": "created",
        "webhook_reason": None,
        "timestamp": None,
    }
    assert payload["data"]["id"] == rdv.id
    assert payload["data"]["motif"]["name"] == "Consultation PMI"
    assert payload["data"]["lieu"]["address"] == "1 rue de la Paix, 62000 Arras"
    assert payload["data"]["starts_at"].endswith(("+01:00", "+02:00"))
    assert request.headers["content-type"] == "application/json; charset=utf-8"


async def test_a_tampered_body_fails_the_standard_webhooks_verification(harness, world, receiver):
    secret = new_secret()
    await register(harness, world, receiver.url, secret)
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    [request] = receiver.requests
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(request.body.replace(b'"created"', b'"updated"'), request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(request.body, request.headers)


async def test_receiver_down_then_up_gets_every_event_with_the_same_webhook_id(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    receiver.statuses.extend([500, 503, 500, 503])
    first, second = rdv_of(world), rdv_of(world)
    await harness.publish(events.rdv_event("created", first), events.rdv_event("created", second))

    await harness.deliver_webhooks()
    harness.clock.advance(seconds=6)
    await harness.deliver_webhooks()
    harness.clock.advance(minutes=6)
    await harness.deliver_webhooks()

    ids_by_rdv: dict[int, set[str]] = {}
    for request in receiver.requests:
        ids_by_rdv.setdefault(json.loads(request.body)["data"]["id"], set()).add(
            request.headers["webhook-id"]
        )
    assert len(receiver.requests) == 6
    assert {rdv: len(ids) for rdv, ids in ids_by_rdv.items()} == {first.id: 1, second.id: 1}
    rows = await harness.rows("SELECT status, attempts FROM webhook_deliveries ORDER BY id")
    assert [(row["status"], row["attempts"]) for row in rows] == [("delivered", 3), ("delivered", 3)]


async def test_a_failed_delivery_waits_for_its_retry_time(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    receiver.statuses.extend([500])
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await harness.deliver_webhooks()
    await harness.deliver_webhooks()

    assert len(receiver.requests) == 1
    [row] = await harness.rows("SELECT status, last_status_code, next_attempt_at FROM webhook_deliveries")
    assert (row["status"], row["last_status_code"]) == ("pending", 500)
    assert row["next_attempt_at"] > harness.clock.now


async def test_retry_after_of_the_receiver_is_honoured(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    receiver.statuses.extend([429])
    receiver.extra_headers["retry-after"] = "3600"
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await harness.deliver_webhooks()
    harness.clock.advance(minutes=10)
    await harness.deliver_webhooks()

    assert len(receiver.requests) == 1
    harness.clock.advance(minutes=51)
    await harness.deliver_webhooks()
    assert len(receiver.requests) == 2


async def test_gone_receiver_disables_the_endpoint_and_alerts_its_admins(harness, world, receiver):
    endpoint = await register(harness, world, receiver.url, new_secret())
    receiver.statuses.extend([410])
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    assert len(receiver.requests) == 1
    [row] = await harness.rows("SELECT disabled_at FROM webhook_endpoints")
    assert row["disabled_at"] is not None
    [alert] = await harness.rows("SELECT topic, event_type, value FROM outbox")
    assert (alert["topic"], alert["event_type"]) == ("calendar_sync.alert", "webhook_endpoint.disabled")
    assert json.loads(alert["value"])["payload"]["endpoint_id"] == endpoint["id"]


async def test_redirects_are_failures_and_are_not_followed(harness, world, receiver):
    other = await WebhookReceiver().start()
    try:
        await register(harness, world, receiver.url, new_secret())
        receiver.statuses.extend([302])
        receiver.extra_headers["location"] = other.url
        await harness.publish(events.rdv_event("created", rdv_of(world)))
        await harness.deliver_webhooks()
    finally:
        await other.stop()

    assert other.requests == []
    [row] = await harness.rows("SELECT status, last_status_code FROM webhook_deliveries")
    assert (row["status"], row["last_status_code"]) == ("pending", 302)


async def test_a_receiver_slower_than_the_timeout_is_a_failure(make_database, world, receiver):
    from calsync_support.harness import start_harness

    harness = await start_harness(await make_database(), webhook_timeout_seconds=0.3)
    try:
        from calsync_support.world import make_world

        world = await make_world(harness)
        await register(harness, world, receiver.url, new_secret())
        receiver.delay_seconds = 1.0
        await harness.publish(events.rdv_event("created", rdv_of(world)))
        await harness.deliver_webhooks()
        [row] = await harness.rows("SELECT status, last_error FROM webhook_deliveries")
    finally:
        await harness.client.aclose()
        await harness.database.engine.dispose()
    assert row["status"] == "pending"
    assert "0.3" in row["last_error"]


async def test_a_replayed_event_changes_nothing(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    rdv = rdv_of(world)
    created = events.rdv_event("created", rdv)
    await harness.publish(created, created, events.rdv_event("created", rdv))
    await harness.deliver_webhooks()

    assert len(receiver.requests) == 1
    assert len(await harness.rows("SELECT id FROM webhook_deliveries")) == 1


async def test_deleted_entities_are_sent_destroyed_with_the_rgpd_reason(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret(), subscriptions=["motif"])
    from rdv_contracts.directory import MotifDeleted

    await harness.publish(
        events.wrap(MotifDeleted(id=world.motif_id, reason="rgpd"), world.motif_id, world.organisation_id)
    )
    await harness.deliver_webhooks()

    [request] = receiver.requests
    payload = json.loads(request.body)
    assert payload["meta"]["model"] == "Motif"
    assert (payload["meta"]["event"], payload["meta"]["webhook_reason"]) == ("destroyed", "rgpd")
    assert payload["data"]["name"] == "Consultation PMI"


async def test_creating_an_endpoint_replays_the_current_state_of_its_models(harness, world, receiver):
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    response = await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={"target_url": receiver.url, "secret": new_secret(), "subscriptions": ["rdv", "motif", "lieu"]},
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    assert response.status_code == 201
    await harness.deliver_webhooks()

    sent = sorted(
        (json.loads(r.body)["meta"]["model"], json.loads(r.body)["data"]["id"]) for r in receiver.requests
    )
    assert sent == sorted([("Rdv", rdv.id), ("Motif", world.motif_id), ("Lieu", world.lieu_id)])
    assert {json.loads(r.body)["meta"]["event"] for r in receiver.requests} == {"created"}


async def test_two_workers_never_send_the_same_delivery(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    receiver.delay_seconds = 0.05
    await harness.publish(*(events.rdv_event("created", rdv_of(world)) for _ in range(12)))

    import asyncio

    await asyncio.gather(harness.deliver_webhooks(), harness.deliver_webhooks(), harness.deliver_webhooks())

    ids = [request.headers["webhook-id"] for request in receiver.requests]
    assert len(ids) == 12 and len(set(ids)) == 12


async def test_an_anonymised_usager_is_sent_anonymised_from_then_on(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret())
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    from datetime import UTC, datetime

    await harness.publish(
        events.user(
            world.user_id,
            updated=True,
            first_name="Usager",
            last_name="Anonymisé",
            phone_number=None,
            email=None,
            address=None,
            anonymised_at=datetime.now(UTC),
        )
    )
    await harness.publish(events.rdv_event("updated", rdv.model_copy(update={"version": 2}), rdv))
    await harness.deliver_webhooks()

    [last] = [r.body.decode() for r in receiver.requests if json.loads(r.body)["meta"]["event"] == "updated"]
    for canary in (
        events.CANARY_LAST_NAME,
        events.CANARY_FIRST_NAME,
        events.CANARY_PHONE,
        events.CANARY_EMAIL,
    ):
        assert canary not in last


async def test_plage_and_absence_webhooks_carry_no_usager_data(harness, world, receiver):
    await register(harness, world, receiver.url, new_secret(), subscriptions=["plage_ouverture"])
    await harness.publish(
        events.plage(events.next_id(), world.agent_id, world.organisation_id, world.lieu_id, world.motif_id)
    )
    await harness.deliver_webhooks()

    [request] = receiver.requests
    payload = json.loads(request.body)
    assert payload["meta"]["model"] == "PlageOuverture"
    assert payload["data"]["motifs"][0]["name"] == "Consultation PMI"
    assert payload["data"]["agent"]["id"] == world.agent_id
    assert events.CANARY_LAST_NAME not in request.body.decode()


async def test_a_receiver_failing_for_more_than_three_days_is_abandoned_and_disabled(
    harness, world, receiver
):
    await register(harness, world, receiver.url, new_secret())
    receiver.default_status = 500
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    started = harness.clock.now
    for _ in range(12):
        await harness.deliver_webhooks()
        harness.clock.advance(hours=27)

    [delivery] = await harness.rows("SELECT status, attempts FROM webhook_deliveries")
    [endpoint] = await harness.rows("SELECT disabled_at, disabled_reason FROM webhook_endpoints")
    assert (delivery["status"], delivery["attempts"]) == ("failed", 10)
    assert endpoint["disabled_at"] - started > timedelta(days=3)
    assert "3 jours" in endpoint["disabled_reason"]
    assert [r["event_type"] for r in await harness.rows("SELECT event_type FROM outbox")] == [
        "webhook_endpoint.disabled"
    ]
