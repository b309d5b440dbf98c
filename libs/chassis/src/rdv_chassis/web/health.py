import asyncio
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from rdv_chassis.observability.logging import get_logger
from rdv_chassis.observability.metrics import Metrics

ReadinessCheck = Callable[[], Awaitable[None]]

CHECK_TIMEOUT_SECONDS = 2.0

log = get_logger(__name__)


async def _run(name: str, check: ReadinessCheck, limit_seconds: float) -> str:
    try:
        async with asyncio.timeout(limit_seconds):
            await check()
    except TimeoutError:
        log.warning("readiness_check_timed_out", check=name, limit_seconds=limit_seconds)
        return f"timed out after {limit_seconds:g}s"
    except Exception as exc:
        log.warning("readiness_check_failed", check=name, exc_info=exc)
        return f"{type(exc).__name__}: {exc}"[:200]
    return "ok"


def health_router(
    checks: Mapping[str, ReadinessCheck], metrics: Metrics, timeout: float = CHECK_TIMEOUT_SECONDS
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/health/ready")
    async def ready() -> JSONResponse:
        results = await asyncio.gather(*(_run(name, check, timeout) for name, check in checks.items()))
        outcome = dict(zip(checks, results, strict=True))
        healthy = all(result == "ok" for result in results)
        return JSONResponse(
            {"status": "ok" if healthy else "unavailable", "checks": outcome},
            status_code=200 if healthy else 503,
        )

    @router.get("/metrics")
    async def metrics_endpoint() -> Response:
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router
