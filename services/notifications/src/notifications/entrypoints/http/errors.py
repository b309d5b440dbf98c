"""Domain errors → HTTP statuses, in one table."""

from rdv_chassis.errors import ErrorMapping

from notifications.domain.errors import (
    DeliveryReportNotFound,
    InvalidCallbackToken,
    RdvNotVisible,
    UnknownSmsProvider,
)

ERRORS: ErrorMapping = {
    RdvNotVisible: 404,
    DeliveryReportNotFound: 404,
    UnknownSmsProvider: 404,
    InvalidCallbackToken: 404,
}
