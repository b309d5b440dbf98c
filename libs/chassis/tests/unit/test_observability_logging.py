import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from rdv_chassis.observability.correlation import correlation_scope
from rdv_chassis.observability.logging import configure_logging, get_logger


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_structlog_events_are_json_lines_with_service_level_and_utc_timestamp(capsys):
    configure_logging("booking")
    get_logger("booking.test").info("rdv_created", rdv_id=42)

    [line] = lines(capsys)
    assert line["event"] == "rdv_created"
    assert line["rdv_id"] == 42
    assert line["service"] == "booking"
    assert line["level"] == "info"
    assert line["logger"] == "booking.test"
    assert str(line["timestamp"]).endswith("Z")


def test_correlation_id_comes_from_the_context(capsys):
    configure_logging("booking")
    with correlation_scope("req-1"):
        get_logger().info("inside")
    get_logger().info("outside")

    inside, outside = lines(capsys)
    assert inside["correlation_id"] == "req-1"
    assert outside["correlation_id"] is None


def test_stdlib_loggers_go_through_the_same_formatter(capsys):
    uvicorn_logger = logging.getLogger("uvicorn.error")
    uvicorn_logger.addHandler(logging.StreamHandler())
    uvicorn_logger.propagate = False
    configure_logging("availability")

    with correlation_scope("req-2"):
        uvicorn_logger.warning("server %s", "started")
        logging.getLogger("aiokafka").info("connected")

    warning, info = lines(capsys)
    assert warning == warning | {"event": "server started", "level": "warning", "service": "availability"}
    assert warning["correlation_id"] == "req-2"
    assert info["logger"] == "aiokafka"


def test_exceptions_are_rendered_with_their_traceback(capsys):
    configure_logging("booking")
    try:
        raise ValueError("boom")
    except ValueError:
        get_logger().exception("failed")
        logging.getLogger("sqlalchemy").exception("stdlib failed")

    structured, stdlib = lines(capsys)
    for line in (structured, stdlib):
        assert line["level"] == "error"
        assert "Traceback" in str(line["exception"])
        assert "ValueError: boom" in str(line["exception"])


def test_level_filters_lower_events(capsys):
    configure_logging("booking", level="warning")
    get_logger().info("hidden")
    logging.getLogger("x").debug("hidden too")
    get_logger().warning("shown")

    assert [line["event"] for line in lines(capsys)] == ["shown"]


def test_configuring_twice_does_not_duplicate_lines(capsys):
    configure_logging("booking")
    configure_logging("booking-worker")
    get_logger().info("once")

    [line] = lines(capsys)
    assert line["service"] == "booking-worker"


def test_console_rendering_for_development(capsys):
    configure_logging("booking", json=False)
    get_logger().info("readable", rdv_id=1)

    output = capsys.readouterr().out
    assert "readable" in output and "rdv_id" in output
