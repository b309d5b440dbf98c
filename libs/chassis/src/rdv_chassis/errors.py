"""Errors → HTTP responses, in the body shapes of the RDV Service Public API v1."""

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from rdv_chassis.observability.correlation import get_correlation_id
from rdv_chassis.observability.logging import get_logger

ErrorMapping = Mapping[type[BaseException], int]

_REQUEST_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})

log = get_logger(__name__)


class NotAuthenticated(Exception):
    def __init__(self, reason: str = "not authenticated") -> None:
        super().__init__(reason)


class Forbidden(Exception):
    def __init__(self, reason: str = "forbidden") -> None:
        super().__init__(reason)


class NotFound(Exception):
    def __init__(self, reason: str = "not found") -> None:
        super().__init__(reason)


class Conflict(Exception):
    def __init__(self, reason: str = "conflict") -> None:
        super().__init__(reason)


class InvalidInput(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class ServiceUnavailable(Exception):
    def __init__(self, reason: str = "service unavailable") -> None:
        super().__init__(reason)


DEFAULT_ERROR_MAPPING: ErrorMapping = {
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    ServiceUnavailable: 503,
}


def error_body(status: int, message: str, field: str = "base") -> dict[str, Any]:
    if status == 422:
        return validation_body([(field, message)])
    if status == 403:
        return {"errors": [{"base": "forbidden"}], "error_messages": [message]}
    if status == 404:
        return {"success": False, "errors": [message]}
    return {"errors": {"base": [message]}, "error_messages": [message]}


def validation_body(problems: list[tuple[str, str]]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    for field, reason in problems:
        errors.setdefault(field, []).append(reason)
    return {"errors": errors, "error_messages": [f"{field}: {reason}" for field, reason in problems]}


def error_response(
    status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> JSONResponse:
    merged = dict(headers or {})
    if status == 401:
        # RFC 7235 §3.1: a 401 must say which scheme to use.
        merged.setdefault("WWW-Authenticate", "Bearer")
    return JSONResponse(body, status_code=status, headers=merged)


def internal_error_response(exc: BaseException) -> JSONResponse:
    """Logs `exc` with its stack; the body never carries its details."""
    log.error("unhandled_error", exc_info=exc)
    return JSONResponse(
        {"error_messages": ["internal error"], "correlation_id": get_correlation_id()}, status_code=500
    )


DATABASE_RETRY_AFTER_SECONDS = 5

_DATABASE_OUTAGES = (
    OSError,  # ConnectionRefusedError, ConnectionResetError, socket timeouts while (re)connecting
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # the server shutting down or starting up
    asyncpg.InterfaceError,
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,  # no pooled connection came back in time
)


def is_database_outage(exc: BaseException) -> bool:
    """The database is down, restarting or unreachable: the request may be retried, it is not a bug."""
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, _DATABASE_OUTAGES)


def database_outage_response() -> JSONResponse:
    message = "Service momentanément indisponible, veuillez réessayer dans quelques instants."
    log.warning("database_unavailable")
    return error_response(503, error_body(503, message), {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)})


def unexpected_error_response(exc: BaseException) -> JSONResponse:
    """For an exception no mapping names: 503 when the database is out of reach, else a logged 500."""
    return database_outage_response() if is_database_outage(exc) else internal_error_response(exc)


def _field_of(loc: tuple[int | str, ...]) -> str:
    path = loc[1:] if loc and loc[0] in _REQUEST_LOCATIONS else loc
    return ".".join(str(part) for part in path) or "base"


def _status_for(exc: BaseException, mapping: ErrorMapping) -> int | None:
    for cls in type(exc).__mro__:
        if cls in mapping:
            return mapping[cls]
    return None


def install_error_handlers(app: FastAPI, mapping: ErrorMapping) -> None:
    combined: dict[type[BaseException], int] = {**DEFAULT_ERROR_MAPPING, **mapping}

    async def mapped(_: Request, exc: Exception) -> JSONResponse:
        status = _status_for(exc, combined)
        if status is None:
            return internal_error_response(exc)
        message = str(exc) or HTTPStatus(status).phrase.lower()
        return error_response(status, error_body(status, message, getattr(exc, "field", None) or "base"))

    async def invalid_request(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [(_field_of(tuple(error["loc"])), str(error["msg"])) for error in exc.errors()]
        return error_response(422, validation_body(problems))

    async def http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(exc.status_code, error_body(exc.status_code, str(exc.detail)), exc.headers)

    async def unhandled(_: Request, exc: Exception) -> JSONResponse:
        return unexpected_error_response(exc)

    for exc_class in combined:
        app.add_exception_handler(exc_class, mapped)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unhandled)
