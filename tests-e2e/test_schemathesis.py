"""Schemathesis against every service's OpenAPI through the gateway, signed in as the admin of an
organisation of its own (what fuzzing deletes or changes stays there, the demo accounts are untouched):
no 5xx, and every documented answer matches its schema."""

import httpx
import pytest
from e2e_organisation import set_up_organisation
from e2e_schemathesis import failures_of, load_schema

SERVICES = ("directory", "availability", "booking", "notifications", "calendar-sync")
EXAMPLES = 20


@pytest.fixture(scope="module")
def fuzzing_admin(module_gateway: httpx.Client, module_mailbox: httpx.Client) -> tuple[int, dict[str, str]]:
    organisation = set_up_organisation(module_gateway, module_mailbox)
    return organisation.id, organisation.admin.headers


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_answers_without_server_error_and_as_documented(base_url, fuzzing_admin, service):
    organisation_id, headers = fuzzing_admin
    schema = load_schema(base_url, service)
    assert len(list(schema.get_all_operations())) > 0
    failures = failures_of(schema, headers, EXAMPLES, organisation_id)
    assert not failures, "\n\n".join(f"{label}\n{failure}" for label, failure in failures.items())
