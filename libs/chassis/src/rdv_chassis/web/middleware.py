import re
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rdv_chassis.errors import unexpected_error_response
from rdv_chassis.observability.correlation import correlation_scope, new_correlation_id
from rdv_chassis.observability.metrics import Metrics

REQUEST_ID_HEADER = "X-Request-ID"
UNMATCHED_ROUTE = "unmatched"

# Caller-supplied ids end up in logs and response headers: refuse anything that could forge either.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _incoming_id(scope: Scope) -> str:
    headers = Headers(scope=scope)
    candidate = headers.get("x-request-id") or headers.get("x-correlation-id") or ""
    return candidate if _SAFE_ID.fullmatch(candidate) else new_correlation_id()


def _route_template(scope: Scope) -> str:
    # Routing stores the matched route in the shared scope; labelling by raw path would explode cardinality.
    return getattr(scope.get("route"), "path_format", None) or UNMATCHED_ROUTE


class RequestContextMiddleware:
    """Correlation id, metrics and the last-resort 500 of every HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        response_started = False
        started = time.perf_counter()

        with correlation_scope(_incoming_id(scope)) as correlation_id:

            async def send_with_id(message: Message) -> None:
                nonlocal status, response_started
                if message["type"] == "http.response.start":
                    response_started = True
                    status = message["status"]
                    MutableHeaders(scope=message)[REQUEST_ID_HEADER] = correlation_id
                await send(message)

            try:
                await self.app(scope, receive, send_with_id)
            except Exception as exc:
                if response_started:
                    raise
                # Answered here rather than by Starlette's ServerErrorMiddleware, which runs after the
                # correlation id is gone and re-raises to the server, logging the error twice.
                await unexpected_error_response(exc)(scope, receive, send_with_id)
            finally:
                self.metrics.observe_request(
                    scope["method"], _route_template(scope), status, time.perf_counter() - started
                )
