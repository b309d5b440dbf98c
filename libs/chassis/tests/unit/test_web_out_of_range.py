import asyncpg
import httpx
from fastapi import FastAPI
from rdv_chassis.errors import install_error_handlers
from rdv_chassis.web.out_of_range import install_out_of_range_handler, out_of_range_value
from sqlalchemy.exc import DBAPIError, InterfaceError


def encoding_error(value: int, bits: int = 32) -> DBAPIError:
    cause = asyncpg.exceptions.DataError(
        f"invalid input for query argument $1: {value} (value out of int{bits} range)"
    )
    adapted = Exception(str(cause))
    adapted.__cause__ = cause
    return DBAPIError("SELECT 1", {}, adapted)


def app_raising(error: Exception) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app, {})
    install_out_of_range_handler(app)

    @app.get("/things/{thing_id}")
    async def thing(thing_id: int, page: int = 1) -> dict:
        raise error

    return app


async def get(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path)


def test_the_value_asyncpg_could_not_encode_is_found_through_the_wrapping():
    assert out_of_range_value(encoding_error(16257409490203)) == "16257409490203"
    assert out_of_range_value(encoding_error(-9, 64)) == "-9"
    assert out_of_range_value(DBAPIError("SELECT 1", {}, Exception("deadlock detected"))) is None


async def test_an_id_in_the_path_too_large_for_any_row_is_not_found():
    response = await get(app_raising(encoding_error(16257409490203)), "/things/16257409490203")
    assert response.status_code == 404


async def test_a_query_value_out_of_range_is_bad_input_on_its_field():
    response = await get(app_raising(encoding_error(99999999999)), "/things/1?page=99999999999")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["page"]


async def test_other_database_errors_stay_internal_errors():
    error = DBAPIError("SELECT 1", {}, Exception("connection reset"))
    assert (await get(app_raising(error), "/things/1")).status_code == 500


async def test_a_lost_database_connection_is_still_a_503_with_this_handler_installed():
    error = InterfaceError("SELECT 1", {}, Exception("connection is closed"))
    response = await get(app_raising(error), "/things/1")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "5")


async def test_text_with_a_nul_character_is_bad_input():
    cause = asyncpg.exceptions.CharacterNotInRepertoireError(
        'invalid byte sequence for encoding "UTF8": 0x00'
    )
    adapted = Exception(str(cause))
    adapted.__cause__ = cause
    response = await get(app_raising(DBAPIError("INSERT", {}, adapted)), "/things/1")
    assert response.status_code == 422
