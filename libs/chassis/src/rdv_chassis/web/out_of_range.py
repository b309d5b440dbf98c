"""Input values out of the range PostgreSQL can store, answered as bad input rather than 500.

- Integers beyond the integer columns (asyncpg refuses to encode them): such an id cannot name
  anything, so in the path it answers 404 like any unknown id; elsewhere (query, body) 422.
- Text holding a NUL character, which PostgreSQL text cannot contain: 422.

Every other database error gets the generic answer: 503 for an outage, else 500."""

import re

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError

from rdv_chassis.errors import error_body, error_response, unexpected_error_response, validation_body

_OUT_OF_RANGE = re.compile(r"query argument \$\d+: (-?\d+) \(value out of int(?:16|32|64) range\)")
REASON = "nombre hors des valeurs possibles"
NUL_REASON = "caractère nul (\\u0000) interdit"


def out_of_range_value(exc: BaseException) -> str | None:
    """The integer asyncpg could not encode, when that is what `exc` (or what caused it) is about."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, asyncpg.exceptions.DataError):
            found = _OUT_OF_RANGE.search(str(seen))
            return found.group(1) if found else None
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def answer_for(request: Request, value: str) -> JSONResponse:
    if value in {str(v) for v in request.path_params.values()}:
        return error_response(404, error_body(404, "not found"))
    fields = [name for name, given in request.query_params.multi_items() if given == value]
    return error_response(422, validation_body([(fields[0] if fields else "base", REASON)]))


def holds_a_nul_character(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, asyncpg.exceptions.CharacterNotInRepertoireError):
            return "0x00" in str(seen)
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


def install_out_of_range_handler(app: FastAPI) -> None:
    async def out_of_range(request: Request, exc: Exception) -> JSONResponse:
        if holds_a_nul_character(exc):
            return error_response(422, validation_body([("base", NUL_REASON)]))
        value = out_of_range_value(exc)
        return unexpected_error_response(exc) if value is None else answer_for(request, value)

    app.add_exception_handler(DBAPIError, out_of_range)
