import re
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from rdv_contracts import booking as bk
from rdv_contracts.base import Contract
from rdv_contracts.registry import (
    CONSUMES,
    EVENTS,
    SERVICES,
    TOPICS,
    UnknownEvent,
    dead_letter_topic,
    envelope,
    spec_for,
    topics_consumed_by,
    topics_produced_by,
)


def test_every_event_is_on_a_registered_topic_of_its_producer():
    for spec in EVENTS.values():
        assert TOPICS.get(spec.topic.name) == spec.topic, spec.event_type
        assert spec.producer == spec.topic.producer, spec.event_type


def test_every_producer_and_consumer_is_a_known_service():
    assert {topic.producer for topic in TOPICS.values()} <= set(SERVICES)
    assert {spec.producer for spec in EVENTS.values()} <= set(SERVICES)
    assert set(CONSUMES) == set(SERVICES)


def test_every_consumed_topic_exists_and_is_produced_by_another_service():
    for service, topics in CONSUMES.items():
        for name in topics:
            assert name in TOPICS, f"{service} consumes unknown topic {name}"
            assert TOPICS[name].producer != service


def test_every_topic_carries_at_least_one_event():
    assert {spec.topic.name for spec in EVENTS.values()} == set(TOPICS)


def test_event_types_are_past_tense_dotted_names():
    for event_type, _ in EVENTS:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+ed", event_type), event_type


def test_every_entity_state_topic_has_created_and_deleted_events():
    for topic in TOPICS.values():
        if topic.compacted:
            kinds = {spec.event_type.rsplit(".", 1)[1] for spec in EVENTS.values() if spec.topic == topic}
            assert {"created", "deleted"} <= kinds, topic.name


def test_every_event_has_a_description():
    assert all(spec.description for spec in EVENTS.values())


def test_compacted_topics_are_configured_for_compaction():
    assert TOPICS["directory.motif"].config() == {"cleanup.policy": "compact"}
    assert TOPICS["booking.rdv"].config() == {"cleanup.policy": "delete"}


def test_topics_carrying_secret_links_have_a_bounded_retention():
    assert TOPICS["directory.notification_request"].retention_ms is not None


def test_spec_for_without_version_gives_the_latest():
    assert spec_for("rdv.created") is EVENTS[("rdv.created", 1)]
    assert spec_for("rdv.created", 1).payload_model is bk.RdvCreated


@pytest.mark.parametrize(("event_type", "version"), [("rdv.exploded", None), ("rdv.created", 99)])
def test_spec_for_an_unknown_event_raises(event_type: str, version: int | None):
    with pytest.raises(UnknownEvent):
        spec_for(event_type, version)


def test_topics_produced_and_consumed_by_a_service():
    assert [t.name for t in topics_produced_by("booking")] == [
        "booking.rdv",
        "booking.rdv.link_locked",
        "booking.export",
    ]
    assert [t.name for t in topics_produced_by("calendar-sync")] == ["calendar_sync.alert"]
    assert TOPICS["booking.rdv"] in topics_consumed_by("notifications")
    with pytest.raises(ValueError, match="unknown service"):
        topics_produced_by("billing")


def test_dead_letter_topic_is_suffixed():
    assert dead_letter_topic("booking.rdv") == "booking.rdv.dlq"


def test_envelope_takes_event_type_version_and_producer_from_the_payload_class(sample, rdv):
    event_id = uuid4()
    occurred_at = datetime(2024, 10, 24, 8, 0, tzinfo=UTC)

    built = envelope(
        sample(bk.RdvCreated),
        aggregate_id=rdv.id,
        organisation_id=2,
        event_id=event_id,
        occurred_at=occurred_at,
    )

    assert (built.event_type, built.schema_version, built.producer) == ("rdv.created", 1, "booking")
    assert (built.aggregate_id, built.organisation_id, built.event_id) == ("101", 2, event_id)
    assert built.occurred_at == occurred_at
    assert built.payload["rdv"]["uuid"] == str(rdv.uuid)


def test_envelope_refuses_a_producer_that_does_not_own_the_event(sample):
    with pytest.raises(ValueError, match="produced by booking"):
        envelope(sample(bk.RdvCreated), aggregate_id=101, organisation_id=2, producer="directory")


def test_envelope_refuses_a_payload_that_is_not_an_event(rdv):
    with pytest.raises(UnknownEvent):
        envelope(rdv, aggregate_id=101, organisation_id=2)


def test_every_payload_class_is_a_frozen_contract_that_forbids_extra_fields():
    for spec in EVENTS.values():
        assert issubclass(spec.payload_model, Contract)
        assert spec.payload_model.model_config.get("frozen") is True
        assert spec.payload_model.model_config.get("extra") == "forbid"
