"""Runs Schemathesis' generated cases for every operation of one service's OpenAPI through the gateway.

Schemathesis' pytest plugin does not load with pytest 9 (`from_fixture`), so the operations are driven
with Hypothesis directly: a bounded number of examples per operation, no shrinking (time on 2 cores)."""

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

CHECKS = [not_a_server_error, response_schema_conformance]
# Failed sign-ins and reset requests are limited per client IP (50 / 15 min): fuzzing them would lock
# every later sign-in of the run out. Their refusals are covered by directory's integration tests.
RATE_LIMITED = r"^/api/v1/(auth|user_auth)/(sign_in|api_token|password_reset)$"
# Starting an Outlook connection answers 503 "not configured" until a Microsoft application is set up,
# which a local run never has.
UNCONFIGURED_HERE = "/api/v1/outlook/connection"


def describe(failure: BaseException) -> str:
    text = str(failure)
    if isinstance(failure, FailureGroup):
        text += "\n" + "\n".join(f"  {type(e).__name__}: {e}" for e in failure.exceptions)
    return text[:3000]


def load_schema(base_url: str, service: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{base_url}/docs/{service}/openapi.json")
    schema.config.base_url = base_url
    schema = schema.exclude(path_regex="^/internal/").exclude(path_regex=RATE_LIMITED)
    return schema.exclude(method="POST", path=UNCONFIGURED_HERE)


def failures_of(
    schema: schemathesis.BaseSchema, headers: dict[str, str], examples: int, organisation_id: int
) -> dict[str, str]:
    """Operation label → the first failure found for it (empty when every operation conforms).

    Routes of an organisation are called on `organisation_id` (the caller's), so their answers are
    real ones and not only 404s."""
    found: dict[str, str] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        pinned = {"organisation_id": organisation_id} if "{organisation_id}" in operation.path else None

        @given(case=operation.as_strategy(path_parameters=pinned))
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=15)

        try:
            check()
        except (Exception, FailureGroup) as failure:
            found[operation.label] = describe(failure)
    return found
