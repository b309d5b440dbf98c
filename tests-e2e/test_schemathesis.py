"""Schemathesis against every service's OpenAPI through the gateway, signed in as a territory admin (also
admin of the Mairie): no 5xx, and every documented answer matches its schema."""

import httpx
import pytest
from e2e_api import agent_token, bearer, demo_email
from e2e_schemathesis import failures_of, load_schema

SERVICES = ("directory", "availability", "booking", "notifications", "calendar-sync")
EXAMPLES = 12


@pytest.fixture(scope="module")
def admin_headers(module_gateway: httpx.Client) -> dict[str, str]:
    return bearer(agent_token(module_gateway, demo_email("territoire")))


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_answers_without_server_error_and_as_documented(base_url, admin_headers, service):
    schema = load_schema(base_url, service)
    assert len(list(schema.get_all_operations())) > 0
    failures = failures_of(schema, admin_headers, EXAMPLES)
    assert not failures, "\n\n".join(f"{label}\n{failure}" for label, failure in failures.items())
