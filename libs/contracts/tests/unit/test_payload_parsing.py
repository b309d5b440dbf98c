"""A sample of every event survives the wire, and consumers ignore fields they do not know yet."""

import json

import pytest
from pydantic import ValidationError
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import EVENTS, UnknownEvent, envelope, parse_payload


@pytest.mark.parametrize(("event_type", "version"), sorted(EVENTS))
def test_every_event_round_trips_through_the_wire(sample, event_type: str, version: int):
    spec = EVENTS[(event_type, version)]
    payload = sample(spec.payload_model)

    wire = envelope(payload, aggregate_id="1", organisation_id=None).to_wire()
    received = EventEnvelope.from_wire(wire)
    parsed = parse_payload(received)

    assert (received.event_type, received.schema_version) == (event_type, version)
    assert type(parsed) is spec.payload_model
    assert parsed == payload


def _with_payload(built: EventEnvelope, change) -> EventEnvelope:
    document = json.loads(built.to_wire())
    change(document["payload"])
    return EventEnvelope.from_wire(json.dumps(document))


def test_an_unknown_payload_field_is_ignored_on_parse_but_refused_on_construction(sample):
    motif = sample(dr.MotifCreated)
    received = _with_payload(
        envelope(motif, aggregate_id=motif.id, organisation_id=2),
        lambda payload: payload.update(video_platform="webconf"),
    )

    assert parse_payload(received) == motif
    with pytest.raises(ValidationError, match="video_platform"):
        dr.MotifCreated(**motif.model_dump(), video_platform="webconf")


def test_unknown_fields_nested_in_a_payload_are_ignored_on_parse(sample):
    event = sample(bk.RdvCreated)

    def add_nested_fields(payload: dict) -> None:
        payload["rdv"]["participations"][0]["invitation_channel"] = "sms"
        payload["rdv"]["single_use_lieu"]["floor"] = 2
        payload["actor"]["session"] = "abc"

    received = _with_payload(envelope(event, aggregate_id=101, organisation_id=2), add_nested_fields)

    assert parse_payload(received) == event


def test_parse_payload_with_an_expected_class_returns_it_typed(sample):
    received = envelope(sample(bk.RdvCancelled), aggregate_id=101, organisation_id=2)

    cancelled = parse_payload(received, bk.RdvEvent)

    assert isinstance(cancelled, bk.RdvCancelled)
    with pytest.raises(TypeError, match="RdvCancelled"):
        parse_payload(received, bk.RdvCreated)


def test_state_events_of_one_entity_share_their_snapshot_class(sample):
    for model in (dr.UserCreated, dr.UserUpdated):
        received = envelope(sample(model), aggregate_id=21, organisation_id=None)
        assert isinstance(parse_payload(received, dr.User), dr.User)


def test_parse_payload_of_an_unknown_version_raises(sample):
    received = envelope(sample(bk.RdvCreated), aggregate_id=101, organisation_id=2)

    with pytest.raises(UnknownEvent):
        parse_payload(received.model_copy(update={"schema_version": 2}))


def test_parse_payload_still_validates_known_fields(sample):
    received = _with_payload(
        envelope(sample(bk.RdvCreated), aggregate_id=101, organisation_id=2),
        lambda payload: payload["rdv"].update(status="lost"),
    )

    with pytest.raises(ValidationError, match="status"):
        parse_payload(received)
