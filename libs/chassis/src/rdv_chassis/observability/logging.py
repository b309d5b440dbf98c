import logging
import sys
from typing import Any

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from rdv_chassis.observability.correlation import get_correlation_id

# Libraries that install their own handlers (uvicorn) would otherwise bypass the JSON formatter.
_ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "aiokafka", "sqlalchemy", "faststream")


class _ChassisHandler(logging.StreamHandler):
    """Its own type so a second `configure_logging` replaces it instead of adding one."""

    def emit(self, record: logging.LogRecord) -> None:
        # Resolved per record: test runners and process managers swap sys.stdout after start-up.
        self.stream = sys.stdout
        super().emit(record)


def _add_correlation_id(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
    event_dict.setdefault("correlation_id", get_correlation_id())
    return event_dict


def _add_service(service: str) -> Processor:
    def processor(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
        _add_service(service),
        _add_correlation_id,
    ]
    renderer: list[Processor] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        if json
        else [structlog.dev.ConsoleRenderer()]
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.remove_processors_meta, *renderer],
    )
    handler = _ChassisHandler()
    handler.setFormatter(formatter)

    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, _ChassisHandler)]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in _ROUTED_LOGGERS:
        routed = logging.getLogger(name)
        routed.handlers.clear()
        routed.propagate = True

    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: a logger first used before configuration would otherwise keep the defaults.
        cache_logger_on_first_use=False,
    )


def get_logger(name: str | None = None, **initial_values: Any) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name, **initial_values)
    return logger
