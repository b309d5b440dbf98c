import asyncio
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
import structlog
from fastapi import APIRouter
from rdv_chassis.observability.logging import configure_logging, get_logger
from rdv_chassis.observability.metrics import Metrics
from rdv_chassis.web.app import create_api

router = APIRouter(prefix="/api/v1")


class SlotTaken(Exception):
    pass


@router.get("/rdvs/{rdv_id}")
async def show_rdv(rdv_id: int) -> dict[str, int]:
    get_logger("booking.rdvs").info("rdv_shown", rdv_id=rdv_id)
    return {"id": rdv_id}


@router.post("/rdvs")
async def book() -> None:
    raise SlotTaken("slot taken")


@router.get("/crash")
async def crash() -> None:
    get_logger("booking.rdvs").info("about_to_crash")
    raise RuntimeError("db password is hunter2")


@router.get("/database_down")
async def database_down() -> None:
    raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5433)")


@pytest.fixture(autouse=True)
def json_logs() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging("booking")
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def log_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


def client_for(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def api(**overrides):
    options = {
        "service": "booking",
        "version": "1.0.0",
        "routers": [router],
        "error_mapping": {SlotTaken: 409},
        "readiness_checks": {},
    }
    return create_api(**(options | overrides))


async def test_request_id_is_bound_to_logs_and_echoed(capsys):
    async with client_for(api()) as client:
        response = await client.get("/api/v1/rdvs/7", headers={"X-Request-ID": "req-7f3a"})

    assert response.json() == {"id": 7}
    assert response.headers["X-Request-ID"] == "req-7f3a"
    [line] = [line for line in log_lines(capsys) if line["event"] == "rdv_shown"]
    assert line["correlation_id"] == "req-7f3a"
    assert line["service"] == "booking"


async def test_correlation_id_header_is_accepted_too():
    async with client_for(api()) as client:
        response = await client.get("/api/v1/rdvs/7", headers={"X-Correlation-ID": "upstream-1"})

    assert response.headers["X-Request-ID"] == "upstream-1"


async def test_a_request_without_id_gets_a_fresh_one(capsys):
    async with client_for(api()) as client:
        first = await client.get("/api/v1/rdvs/1")
        second = await client.get("/api/v1/rdvs/2")

    ids = [first.headers["X-Request-ID"], second.headers["X-Request-ID"]]
    assert all(len(value) == 32 for value in ids) and ids[0] != ids[1]
    assert [line["correlation_id"] for line in log_lines(capsys) if line["event"] == "rdv_shown"] == ids


async def test_an_unsafe_request_id_is_replaced():
    async with client_for(api()) as client:
        response = await client.get("/api/v1/rdvs/1", headers={"X-Request-ID": 'x" forged=1'})

    assert len(response.headers["X-Request-ID"]) == 32


async def test_liveness():
    async with client_for(api()) as client:
        response = await client.get("/health/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readiness_reports_every_check():
    async def database() -> None:
        return None

    async with client_for(api(readiness_checks={"database": database, "kafka": database})) as client:
        response = await client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "kafka": "ok"}}


async def test_readiness_is_503_naming_the_failing_check():
    async def database() -> None:
        return None

    async def kafka() -> None:
        raise ConnectionRefusedError("broker down")

    async with client_for(api(readiness_checks={"database": database, "kafka": kafka})) as client:
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "kafka": "ConnectionRefusedError: broker down"},
    }


async def test_readiness_checks_run_concurrently():
    started = asyncio.Event()

    async def first() -> None:
        await asyncio.wait_for(started.wait(), 1)

    async def second() -> None:
        started.set()

    async with client_for(api(readiness_checks={"first": first, "second": second})) as client:
        response = await client.get("/health/ready")

    assert response.status_code == 200


async def test_metrics_count_requests_by_route_template():
    metrics = Metrics()
    async with client_for(api(metrics=metrics)) as client:
        await client.get("/api/v1/rdvs/7")
        await client.get("/api/v1/rdvs/8")
        await client.post("/api/v1/rdvs")
        await client.get("/nowhere/at/all")
        response = await client.get("/metrics")

    text = response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert 'http_requests_total{method="GET",route="/api/v1/rdvs/{rdv_id}",status="200"} 2.0' in text
    assert 'http_requests_total{method="POST",route="/api/v1/rdvs",status="409"} 1.0' in text
    assert 'http_requests_total{method="GET",route="unmatched",status="404"} 1.0' in text
    assert "/api/v1/rdvs/7" not in text


async def test_several_apps_in_one_process_have_separate_metrics():
    first, second = api(), api()
    async with client_for(first) as client:
        await client.get("/api/v1/rdvs/1")
    async with client_for(second) as client:
        text = (await client.get("/metrics")).text

    assert "/api/v1/rdvs/{rdv_id}" not in text


async def test_mapped_domain_errors_use_the_service_mapping():
    async with client_for(api()) as client:
        response = await client.post("/api/v1/rdvs")

    assert response.status_code == 409
    assert response.json() == {"errors": {"base": ["slot taken"]}, "error_messages": ["slot taken"]}


async def test_unhandled_exception_is_a_500_with_the_correlation_id_and_a_logged_stack(capsys):
    metrics = Metrics()
    async with client_for(api(metrics=metrics)) as client:
        response = await client.get("/api/v1/crash", headers={"X-Request-ID": "req-crash"})
        metrics_text = (await client.get("/metrics")).text

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-crash"
    assert response.json() == {"error_messages": ["internal error"], "correlation_id": "req-crash"}
    assert "hunter2" not in response.text
    [error] = [line for line in log_lines(capsys) if line["event"] == "unhandled_error"]
    assert error["correlation_id"] == "req-crash"
    assert "RuntimeError: db password is hunter2" in str(error["exception"])
    assert 'route="/api/v1/crash",status="500"' in metrics_text


async def test_a_database_out_of_reach_is_a_503_with_retry_after_through_the_whole_app():
    async with client_for(api()) as client:
        response = await client.get("/api/v1/database_down", headers={"X-Request-ID": "req-down"})

    assert (response.status_code, response.headers["Retry-After"]) == (503, "5")
    assert response.headers["X-Request-ID"] == "req-down"


async def test_health_and_metrics_stay_out_of_the_openapi_document():
    async with client_for(api(description="Booking API")) as client:
        document = (await client.get("/openapi.json")).json()

    assert document["info"] == {"title": "booking", "version": "1.0.0", "description": "Booking API"}
    assert set(document["paths"]) == {
        "/api/v1/rdvs/{rdv_id}",
        "/api/v1/rdvs",
        "/api/v1/crash",
        "/api/v1/database_down",
    }
