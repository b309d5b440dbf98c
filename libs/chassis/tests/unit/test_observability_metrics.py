import pytest
from prometheus_client import Counter
from rdv_chassis.observability.metrics import Metrics


def test_each_instance_has_its_own_registry():
    first, second = Metrics(), Metrics()
    first.observe_request("GET", "/api/v1/rdvs/{id}", 200, 0.01)

    assert b'route="/api/v1/rdvs/{id}"' in first.render()[0]
    assert b'route="/api/v1/rdvs/{id}"' not in second.render()[0]


def test_request_observation_counts_and_times():
    metrics = Metrics()
    metrics.observe_request("POST", "/api/v1/rdvs", 201, 0.2)
    metrics.observe_request("POST", "/api/v1/rdvs", 201, 0.3)

    body, content_type = metrics.render()
    text = body.decode()
    assert content_type.startswith("text/plain")
    assert 'http_requests_total{method="POST",route="/api/v1/rdvs",status="201"} 2.0' in text
    assert 'http_request_duration_seconds_count{method="POST",route="/api/v1/rdvs"} 2.0' in text


def test_factories_are_memoised_by_name():
    metrics = Metrics()
    counter = metrics.counter("outbox_published_total", "Events published", ["topic"])
    assert metrics.counter("outbox_published_total", "Events published", ["topic"]) is counter
    assert isinstance(counter, Counter)

    gauge = metrics.gauge("outbox_lag", "Unsent outbox rows")
    gauge.set(3)
    metrics.histogram("slot_search_seconds", "Slot search duration", buckets=(0.1, 1.0)).observe(0.5)

    text = metrics.render()[0].decode()
    assert "outbox_lag 3.0" in text
    assert 'slot_search_seconds_bucket{le="1.0"} 1.0' in text


def test_reusing_a_name_with_another_type_or_labels_is_refused():
    metrics = Metrics()
    metrics.counter("events_total", "Events", ["topic"])

    with pytest.raises(ValueError, match="events_total"):
        metrics.gauge("events_total", "Events", ["topic"])
    with pytest.raises(ValueError, match="events_total"):
        metrics.counter("events_total", "Events", ["topic", "status"])
