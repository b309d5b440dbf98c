from datetime import time

import pytest
from availability.entrypoints.http.agenda_schemas import AbsencePatch, PlageBody, PlageOut, PlagePatch
from pydantic import ValidationError


@pytest.mark.parametrize("field", ["title", "first_day", "start_time", "end_time", "motif_ids"])
def test_a_plage_patch_cannot_empty_a_required_field(field):
    with pytest.raises(ValidationError) as refused:
        PlagePatch.model_validate({field: None})
    assert refused.value.errors()[0]["loc"] == (field,)


def test_an_absence_patch_cannot_empty_its_times():
    with pytest.raises(ValidationError):
        AbsencePatch.model_validate({"end_time": None})


def test_a_patch_without_the_field_changes_nothing_of_it():
    assert PlagePatch.model_validate({"title": "Permanence"}).changes() == {"title": "Permanence"}


def test_times_with_an_offset_are_refused_they_are_wall_clock_times():
    body = {"agent_id": 1, "organisation_id": 1, "title": "P", "first_day": "2026-11-23", "motif_ids": [1]}
    with pytest.raises(ValidationError):
        PlageBody.model_validate({**body, "start_time": "08:26:13-19:32", "end_time": "12:00"})
    accepted = PlageBody.model_validate({**body, "start_time": "09:00", "end_time": "12:00:00"})
    assert (accepted.start_time, accepted.end_time) == (time(9), time(12))


def test_the_documented_time_matches_what_is_answered():
    schema = PlageOut.model_json_schema()["properties"]["start_time"]
    assert "format" not in schema
    assert schema["examples"] == ["09:00:00"]
