from collections.abc import Mapping, Sequence

from fastapi import APIRouter, FastAPI
from starlette.types import Lifespan

from rdv_chassis.errors import ErrorMapping, install_error_handlers
from rdv_chassis.observability.metrics import Metrics
from rdv_chassis.web.health import ReadinessCheck, health_router
from rdv_chassis.web.middleware import RequestContextMiddleware
from rdv_chassis.web.out_of_range import install_out_of_range_handler


def create_api(
    *,
    service: str,
    version: str,
    routers: Sequence[APIRouter],
    error_mapping: ErrorMapping,
    readiness_checks: Mapping[str, ReadinessCheck],
    metrics: Metrics | None = None,
    lifespan: Lifespan[FastAPI] | None = None,
    description: str = "",
) -> FastAPI:
    metrics = metrics if metrics is not None else Metrics()
    app = FastAPI(title=service, version=version, description=description, lifespan=lifespan)
    app.state.metrics = metrics
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    install_error_handlers(app, error_mapping)
    install_out_of_range_handler(app)
    app.include_router(health_router(readiness_checks, metrics))
    for router in routers:
        app.include_router(router)
    return app
