import json
from pathlib import Path
from typing import Any

import pytest
from rdv_contracts.asyncapi import build_document, main, render
from rdv_contracts.registry import SERVICES, topics_consumed_by, topics_produced_by

DOCS = Path(__file__).parents[4] / "docs" / "asyncapi"
REGENERATE = "uv run python -m rdv_contracts.asyncapi --out docs/asyncapi"


@pytest.mark.parametrize("service", SERVICES)
def test_committed_asyncapi_document_is_up_to_date(service: str):
    path = DOCS / f"{service}.json"

    assert path.exists(), f"{path} is missing; run `{REGENERATE}` from the repository root"
    assert path.read_text("utf-8") == render(service), f"{path} is stale; run `{REGENERATE}` from the root"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


@pytest.mark.parametrize("service", SERVICES)
def test_every_reference_in_a_document_resolves(service: str):
    document = build_document(service)

    for ref in _refs(document):
        assert ref.startswith("#/"), ref
        assert _resolve(document, ref) is not None, ref


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_sends_what_it_produces_and_receives_what_it_consumes(service: str):
    operations = build_document(service)["operations"].values()
    document = build_document(service)

    def addresses(action: str) -> set[str]:
        return {
            _resolve(document, o["channel"]["$ref"])["address"] for o in operations if o["action"] == action
        }

    assert addresses("send") == {t.name for t in topics_produced_by(service)}
    assert addresses("receive") == {t.name for t in topics_consumed_by(service)}


def test_messages_carry_the_envelope_and_their_payload_schema():
    message = build_document("booking")["components"]["messages"]["rdv_cancelled_v1"]

    envelope, refinement = message["payload"]["allOf"]
    assert envelope == {"$ref": "#/components/schemas/EventEnvelope"}
    assert refinement["properties"]["event_type"] == {"const": "rdv.cancelled"}
    assert refinement["properties"]["payload"] == {"$ref": "#/components/schemas/RdvCancelled"}


def test_the_command_writes_one_document_per_service_and_checks_them(tmp_path: Path):
    assert main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{s}.json" for s in SERVICES)
    assert json.loads((tmp_path / "directory.json").read_text("utf-8"))["asyncapi"] == "3.0.0"
    assert main(["--out", str(tmp_path), "--check"]) == 0

    (tmp_path / "booking.json").write_text("{}", "utf-8")
    assert main(["--out", str(tmp_path), "--check"]) == 1
