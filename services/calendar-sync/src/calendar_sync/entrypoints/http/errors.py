from rdv_chassis.errors import ErrorMapping

from calendar_sync.domain.errors import Conflict, InvalidField, NotAllowed, NotConfigured, NotFound

ERRORS: ErrorMapping = {
    NotFound: 404,
    NotAllowed: 403,
    Conflict: 409,
    InvalidField: 422,
    NotConfigured: 503,
}
