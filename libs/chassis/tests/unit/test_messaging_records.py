import uuid
from datetime import UTC, datetime

from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.records import TOMBSTONE_EVENT_TYPE, OutgoingRecord
from rdv_chassis.messaging.topics import new_topics
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.topics import TOPICS


def envelope() -> EventEnvelope:
    return EventEnvelope(
        event_id=uuid.uuid4(),
        event_type="rdv.created",
        schema_version=1,
        occurred_at=datetime.now(UTC),
        producer="booking",
        aggregate_id="42",
        organisation_id=7,
        payload={},
    )


def test_outgoing_record_is_keyed_by_aggregate_and_carries_identity_and_correlation_headers():
    event = envelope()
    record = OutgoingRecord.from_envelope(event, "booking.rdv", correlation_id="req-1")
    assert record.key == "42"
    assert record.headers["event_id"] == str(event.event_id)
    assert record.headers["correlation_id"] == "req-1"
    assert EventEnvelope.from_wire(record.value or b"") == event


def test_tombstone_has_no_value_but_an_event_id_header_for_the_inbox():
    record = OutgoingRecord.tombstone("directory.motif", "12", "directory", correlation_id=None)
    assert record.value is None
    assert record.headers["event_type"] == TOMBSTONE_EVENT_TYPE
    assert uuid.UUID(record.headers["event_id"]) == record.event_id
    assert "correlation_id" not in record.headers


def test_incoming_record_reads_headers_by_name():
    record = IncomingRecord("t", 0, 3, b"k", b"v", (("event_id", b"abc"), ("x", b"y")))
    assert record.header("event_id") == "abc"
    assert record.header("missing") is None
    assert record.key_text == "k"


def test_state_topics_are_created_compacted_and_every_topic_gets_a_dead_letter_topic():
    created = {topic.name: topic for topic in new_topics(TOPICS.values())}
    assert created["directory.motif"].topic_configs["cleanup.policy"] == "compact"
    assert created["booking.rdv"].topic_configs["cleanup.policy"] == "delete"
    assert set(created) == set(TOPICS) | {f"{name}.dlq" for name in TOPICS}
