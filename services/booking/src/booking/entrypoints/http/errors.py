"""Domain errors → HTTP statuses, in one table."""

from fastapi import Request
from fastapi.responses import JSONResponse
from rdv_chassis.errors import ErrorMapping, error_body, error_response

from booking.domain import errors

ERRORS: ErrorMapping = {
    errors.RdvNotFound: 404,
    errors.NotAllowed: 403,
    errors.InvalidRdv: 422,
    errors.WrongLetters: 422,
    errors.IdempotencyKeyReused: 422,
    errors.SlotTaken: 409,
    errors.OverlapNeedsConfirmation: 409,
    errors.DuplicateRdv: 409,
    errors.RdvFull: 409,
    errors.RuleRefused: 409,
    errors.LinkSessionExpired: 401,
    errors.LinkLocked: 423,
    errors.TooManyAttempts: 429,
    errors.SlotCheckUnavailable: 503,
}


async def too_many_attempts(_: Request, exc: Exception) -> JSONResponse:
    """429 with `Retry-After` (RFC 6585 §4), which the one-status table cannot express."""
    assert isinstance(exc, errors.TooManyAttempts)
    headers = {"Retry-After": str(exc.retry_after_seconds)}
    return error_response(429, error_body(429, str(exc)), headers)


async def database_saturated(_: Request, exc: Exception) -> JSONResponse:
    """Every pooled connection stayed busy past the pool timeout: an overload to retry, not a bug."""
    message = "Le service est momentanément surchargé. Réessayez dans un instant."
    return error_response(503, error_body(503, message), {"Retry-After": "1"})
