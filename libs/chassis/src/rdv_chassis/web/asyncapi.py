"""Publishes the service's AsyncAPI document (generated from the contracts) beside its OpenAPI."""

from typing import Any

from fastapi import APIRouter
from rdv_contracts.asyncapi import build_document


def asyncapi_router(service: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    document = build_document(service)

    @router.get("/asyncapi.json")
    async def asyncapi() -> dict[str, Any]:
        return document

    return router
