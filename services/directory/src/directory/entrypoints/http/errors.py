"""Domain errors → HTTP statuses, in one table."""

from rdv_chassis.errors import ErrorMapping

from directory.domain.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidField,
    NotAllowed,
    NotFound,
    TooManyAttempts,
)

ERRORS: ErrorMapping = {
    InvalidField: 422,
    NotFound: 404,
    NotAllowed: 403,
    Conflict: 409,
    AuthenticationFailed: 401,
    TooManyAttempts: 429,
}
