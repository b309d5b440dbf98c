import json
from datetime import UTC, datetime, timedelta, timezone
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from rdv_contracts.envelope import EventEnvelope


def an_envelope(**overrides: object) -> EventEnvelope:
    fields: dict[str, object] = {
        "event_id": uuid4(),
        "event_type": "rdv.created",
        "schema_version": 1,
        "occurred_at": datetime(2024, 10, 24, 8, 0, tzinfo=UTC),
        "producer": "booking",
        "aggregate_id": "101",
        "organisation_id": 2,
        "payload": {"rdv": {"id": 101}},
    }
    return EventEnvelope.model_validate(fields | overrides)


def test_envelope_round_trips_through_the_wire():
    envelope = an_envelope()

    assert EventEnvelope.from_wire(envelope.to_wire()) == envelope
    assert EventEnvelope.from_wire(envelope.to_wire().decode()) == envelope


def test_wire_format_is_compact_utf8_json():
    wire = an_envelope(payload={"title": "Congés"}).to_wire()

    assert b": " not in wire and b", " not in wire
    assert "Congés".encode() in wire
    assert json.loads(wire)["occurred_at"] == "2024-10-24T08:00:00Z"


def test_top_level_fields_from_a_newer_producer_are_ignored_on_parse():
    document = json.loads(an_envelope().to_wire()) | {"trace_id": "abc"}

    parsed = EventEnvelope.from_wire(json.dumps(document))

    assert parsed.event_type == "rdv.created"


def test_producers_cannot_build_an_envelope_with_an_unknown_field():
    with pytest.raises(ValidationError, match="trace_id"):
        an_envelope(trace_id="abc")


def test_naive_occurred_at_is_refused():
    with pytest.raises(ValidationError, match="timezone"):
        an_envelope(occurred_at=datetime(2024, 10, 24, 10, 0))


def test_occurred_at_with_an_offset_is_normalised_to_utc():
    paris_summer = timezone(timedelta(hours=2))

    envelope = an_envelope(occurred_at=datetime(2024, 10, 24, 10, 0, tzinfo=paris_summer))

    assert envelope.occurred_at == datetime(2024, 10, 24, 8, 0, tzinfo=UTC)
    assert envelope.occurred_at.tzinfo == UTC


@pytest.mark.parametrize("event_type", ["RdvCreated", "rdv", "rdv.", "rdv created"])
def test_event_type_must_be_dotted_lowercase(event_type: str):
    with pytest.raises(ValidationError):
        an_envelope(event_type=event_type)


def test_envelope_is_immutable():
    envelope = an_envelope()

    with pytest.raises(ValidationError):
        envelope.producer = "directory"  # type: ignore[misc]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=10,
)


@given(payload=st.dictionaries(st.text(), _json, max_size=5), aggregate_id=st.text(min_size=1))
def test_any_json_payload_survives_the_wire(payload: dict[str, object], aggregate_id: str):
    envelope = an_envelope(payload=payload, aggregate_id=aggregate_id)

    assert EventEnvelope.from_wire(envelope.to_wire()) == envelope
