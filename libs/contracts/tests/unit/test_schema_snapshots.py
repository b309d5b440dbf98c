"""The JSON schema of every event is frozen in tests/snapshots, so that changing a contract is deliberate.

A compatible change (a new optional field, a looser constraint) needs the snapshot updated:
    UPDATE_SNAPSHOTS=1 uv run pytest libs/contracts
An incompatible one (removing or renaming a field, a new required field, a narrower type or enum) needs a
new payload class registered with the next schema_version, the old version being kept for a while.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import EVENTS

SNAPSHOTS = Path(__file__).parents[1] / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

HOW_TO_FIX = (
    "The JSON schema of {name} changed. If the change is compatible for consumers (new optional field, "
    "looser constraint), update the snapshot: UPDATE_SNAPSHOTS=1 uv run pytest libs/contracts. "
    "If it is incompatible (removed/renamed field, new required field, narrower type or enum), register a "
    "new payload class under a new schema_version instead."
)


def _snapshot_name(event_type: str, version: int) -> str:
    return f"{event_type}.v{version}.json"


CASES: list[tuple[str, type[BaseModel]]] = [
    ("envelope.json", EventEnvelope),
    *((_snapshot_name(*key), spec.payload_model) for key, spec in sorted(EVENTS.items())),
]


def _check(path: Path, schema: dict[str, Any]) -> None:
    if UPDATE:
        path.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}. " + HOW_TO_FIX.format(name=path.stem)
    assert json.loads(path.read_text("utf-8")) == schema, HOW_TO_FIX.format(name=path.stem)


@pytest.mark.parametrize(("name", "model"), CASES, ids=[name for name, _ in CASES])
def test_json_schema_matches_its_snapshot(name: str, model: type[BaseModel]):
    _check(SNAPSHOTS / name, model.model_json_schema())


def test_every_snapshot_belongs_to_a_registered_event():
    orphans = {path.name for path in SNAPSHOTS.glob("*.json")} - {name for name, _ in CASES}
    if UPDATE:
        for name in orphans:
            (SNAPSHOTS / name).unlink()
        return
    assert not orphans, (
        f"snapshots of unregistered events: {sorted(orphans)}. Removing an event version breaks its "
        "consumers; keep it registered until none consumes it, then delete its snapshot."
    )
