import pytest

SERVICES = ("directory", "availability", "booking", "notifications", "calendar-sync")


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_ready_through_the_gateway(gateway, service):
    response = gateway.get(f"/health/{service}/ready")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": "ok", "kafka": "ok"}


def test_the_gateway_keeps_the_callers_request_id(gateway):
    response = gateway.get("/health/booking/live", headers={"X-Request-ID": "e2e-correlation-1"})
    assert response.headers["X-Request-ID"] == "e2e-correlation-1"


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_publishes_its_asyncapi_document(gateway, service):
    response = gateway.get(f"/docs/{service}/asyncapi.json")
    assert response.status_code == 200
    assert response.json()["asyncapi"].startswith("3.")
