from rdv_chassis.observability.correlation import (
    correlation_scope,
    get_correlation_id,
    new_correlation_id,
    reset_correlation_id,
    set_correlation_id,
)
from rdv_chassis.observability.logging import configure_logging, get_logger
from rdv_chassis.observability.metrics import Metrics

__all__ = [
    "Metrics",
    "configure_logging",
    "correlation_scope",
    "get_correlation_id",
    "get_logger",
    "new_correlation_id",
    "reset_correlation_id",
    "set_correlation_id",
]
