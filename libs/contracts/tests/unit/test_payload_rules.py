from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError
from rdv_contracts import availability as av
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr


def test_instants_in_payloads_must_carry_an_offset_and_are_stored_in_utc(rdv):
    reunion = timezone(timedelta(hours=4))
    moved = bk.RdvSnapshot(**(rdv.model_dump() | {"starts_at": datetime(2024, 11, 4, 14, 0, tzinfo=reunion)}))

    assert moved.starts_at.isoformat() == "2024-11-04T10:00:00+00:00"
    with pytest.raises(ValidationError, match="timezone"):
        bk.RdvSnapshot(**(rdv.model_dump() | {"starts_at": datetime(2024, 11, 4, 14, 0)}))


def test_time_zones_must_be_iana_names(sample):
    territory = sample(dr.TerritoryCreated)

    assert dr.TerritoryCreated(**(territory.model_dump() | {"time_zone": "Indian/Reunion"}))
    with pytest.raises(ValidationError, match="IANA"):
        dr.TerritoryCreated(**(territory.model_dump() | {"time_zone": "Paris"}))


def test_an_rdv_cannot_have_both_a_lieu_and_a_single_use_lieu(rdv):
    with pytest.raises(ValidationError, match="not both"):
        bk.RdvSnapshot(**(rdv.model_dump() | {"lieu_id": 12}))


def test_only_excused_and_revoked_are_cancelled_statuses():
    assert {s for s in bk.RdvStatus if s.is_cancelled} == {bk.RdvStatus.EXCUSED, bk.RdvStatus.REVOKED}


def test_a_plage_needs_at_least_one_motif(sample):
    plage = sample(av.PlageOuvertureCreated)

    with pytest.raises(ValidationError, match="motif_ids"):
        av.PlageOuvertureCreated(**(plage.model_dump() | {"motif_ids": []}))


def test_payloads_are_immutable(sample):
    motif = sample(dr.MotifUpdated)

    with pytest.raises(ValidationError):
        motif.name = "Autre"  # type: ignore[misc]
