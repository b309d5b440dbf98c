"""Domain errors → HTTP statuses, in one table (the chassis renders the API v1 bodies)."""

from rdv_chassis.errors import ErrorMapping

from availability.domain.errors import InvalidPlage, NotAllowed, NotFound

ERRORS: ErrorMapping = {
    InvalidPlage: 422,
    NotFound: 404,
    NotAllowed: 403,
}
