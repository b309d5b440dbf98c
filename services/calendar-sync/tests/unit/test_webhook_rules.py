import base64
import random
import time
from datetime import timedelta

from calendar_sync.domain.delivery_schedule import MAX_ATTEMPTS, next_delay
from calendar_sync.domain.webhook_models import WebhookModel
from calendar_sync.domain.webhook_signature import lapin_signature, signed_headers
from standardwebhooks.webhooks import Webhook


def test_retries_span_more_than_three_days_then_stop():
    rand = random.Random(1)
    delays = [next_delay(attempt, rand=rand) for attempt in range(1, MAX_ATTEMPTS)]
    assert all(delay is not None for delay in delays)
    assert sum(delays, timedelta()) > timedelta(days=3)  # type: ignore[arg-type]
    assert next_delay(MAX_ATTEMPTS) is None


def test_retry_delays_grow_and_stay_within_ten_percent_of_the_schedule():
    rand = random.Random(2)
    assert timedelta(seconds=4.5) <= next_delay(1, rand=rand) <= timedelta(seconds=5.5)  # type: ignore[operator]
    assert timedelta(hours=21.6) <= next_delay(9, rand=rand) <= timedelta(hours=26.4)  # type: ignore[operator]


def test_a_longer_retry_after_wins_over_the_schedule():
    assert next_delay(1, timedelta(hours=1)) == timedelta(hours=1)


def test_lapin_signature_is_the_hex_hmac_sha256_of_the_body():
    # Reference value computed independently: echo -n '{"a":1}' | openssl dgst -sha256 -hmac secret
    assert lapin_signature("secret", b'{"a":1}') == (
        "aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494"
    )


def test_standard_webhooks_headers_verify_with_the_reference_library():
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    headers = signed_headers(secret, "msg_1", int(time.time()), b'{"data":{}}')
    Webhook(secret).verify(b'{"data":{}}', headers)
    assert headers["webhook-id"] == "msg_1"


def test_meta_model_is_the_existing_systems_class_name():
    assert WebhookModel.PLAGE_OUVERTURE.class_name == "PlageOuverture"
    assert WebhookModel.RDV.class_name == "Rdv"
