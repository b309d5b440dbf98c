from datetime import datetime

import asyncpg
import httpx
import pytest
import sqlalchemy.exc
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel
from rdv_chassis.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    ServiceUnavailable,
    install_error_handlers,
)


class SlotTaken(Exception):
    pass


class CancellationTooLate(Exception):
    field = "starts_at"


class NotAllowed(Exception):
    pass


class RdvNotFound(Exception):
    pass


class RdvOfOtherOrganisation(RdvNotFound):
    pass


class QuotaExceeded(Exception):
    pass


class Participation(BaseModel):
    user_id: int


class NewRdv(BaseModel):
    starts_at: datetime
    participations: list[Participation]


router = APIRouter()
RAISED: dict[str, Exception] = {
    "slot_taken": SlotTaken("the slot is no longer available"),
    "too_late": CancellationTooLate("too late to cancel"),
    "not_allowed": NotAllowed("you cannot see this agenda"),
    "foreign_rdv": RdvOfOtherOrganisation("rdv not found"),
    "quota": QuotaExceeded("too many bookings"),
    "not_authenticated": NotAuthenticated("token expired"),
    "forbidden": Forbidden(),
    "not_found": NotFound("lieu not found"),
    "conflict": Conflict("already exists"),
    "invalid": InvalidInput("ends_at", "must be after starts_at"),
    "unavailable": ServiceUnavailable("keys unavailable"),
}


@router.get("/raise/{name}")
async def raise_named(name: str) -> None:
    raise RAISED[name]


@router.post("/rdvs")
async def create_rdv(rdv: NewRdv) -> dict[str, str]:
    return {"ok": "yes"}


@router.get("/crash")
async def crash() -> None:
    raise RuntimeError("password=hunter2")


OUTAGES: dict[str, Exception] = {
    "refused": ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5433)"),
    "starting": asyncpg.CannotConnectNowError("the database system is starting up"),
    "dropped": sqlalchemy.exc.InterfaceError("SELECT 1", {}, Exception("connection is closed")),
    "invalidated": sqlalchemy.exc.DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True),
    "pool": sqlalchemy.exc.TimeoutError("QueuePool limit reached"),
}


@router.get("/outage/{name}")
async def database_outage(name: str) -> None:
    raise OUTAGES[name]


@pytest.fixture
async def client():
    app = FastAPI()
    install_error_handlers(
        app,
        {SlotTaken: 409, CancellationTooLate: 422, NotAllowed: 403, RdvNotFound: 404, QuotaExceeded: 429},
    )
    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.parametrize(
    ("name", "status", "body"),
    [
        (
            "slot_taken",
            409,
            {
                "errors": {"base": ["the slot is no longer available"]},
                "error_messages": ["the slot is no longer available"],
            },
        ),
        (
            "too_late",
            422,
            {
                "errors": {"starts_at": ["too late to cancel"]},
                "error_messages": ["starts_at: too late to cancel"],
            },
        ),
        (
            "not_allowed",
            403,
            {"errors": [{"base": "forbidden"}], "error_messages": ["you cannot see this agenda"]},
        ),
        ("foreign_rdv", 404, {"success": False, "errors": ["rdv not found"]}),
        ("quota", 429, {"errors": {"base": ["too many bookings"]}, "error_messages": ["too many bookings"]}),
        ("forbidden", 403, {"errors": [{"base": "forbidden"}], "error_messages": ["forbidden"]}),
        ("not_found", 404, {"success": False, "errors": ["lieu not found"]}),
        ("conflict", 409, {"errors": {"base": ["already exists"]}, "error_messages": ["already exists"]}),
        (
            "invalid",
            422,
            {
                "errors": {"ends_at": ["must be after starts_at"]},
                "error_messages": ["ends_at: must be after starts_at"],
            },
        ),
        (
            "unavailable",
            503,
            {"errors": {"base": ["keys unavailable"]}, "error_messages": ["keys unavailable"]},
        ),
    ],
)
async def test_mapped_errors_answer_the_api_v1_shapes(client, name, status, body):
    response = await client.get(f"/raise/{name}")

    assert response.status_code == status
    assert response.json() == body


async def test_not_authenticated_is_401_with_a_bearer_challenge(client):
    response = await client.get("/raise/not_authenticated")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error_messages"] == ["token expired"]


async def test_validation_errors_name_each_field_by_its_dotted_path(client):
    response = await client.post("/rdvs", json={"participations": [{"user_id": 1}, {"user_id": "x"}]})

    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == {
        "starts_at": ["Field required"],
        "participations.1.user_id": ["Input should be a valid integer, unable to parse string as an integer"],
    }
    assert "participations.1.user_id: Input should be a valid integer" in body["error_messages"][1]


async def test_a_missing_body_is_reported_on_base(client):
    response = await client.post("/rdvs")

    assert response.status_code == 422
    assert response.json() == {
        "errors": {"base": ["Field required"]},
        "error_messages": ["base: Field required"],
    }


async def test_unknown_route_answers_the_404_shape(client):
    response = await client.get("/nowhere")

    assert response.status_code == 404
    assert response.json() == {"success": False, "errors": ["Not Found"]}


async def test_unhandled_error_is_a_500_without_details(client):
    response = await client.get("/crash")

    assert response.status_code == 500
    assert response.json() == {"error_messages": ["internal error"], "correlation_id": None}
    assert "hunter2" not in response.text


@pytest.mark.parametrize("name", sorted(OUTAGES))
async def test_a_database_outage_answers_503_with_retry_after_instead_of_500(client, name):
    response = await client.get(f"/outage/{name}")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "réessayer" in response.json()["error_messages"][0]


async def test_an_error_that_is_not_an_outage_stays_a_500(client):
    response = await client.get("/crash")

    assert response.status_code == 500
