"""Delivery reports of the SMS providers (Brevo's `webUrl` callback)."""

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Response

from notifications.adapters.sms.brevo import NAME as BREVO
from notifications.adapters.sms.brevo import BrevoSmsEvent
from notifications.application.record_delivery_report import RecordDeliveryReport
from notifications.domain.errors import InvalidCallbackToken, UnknownSmsProvider


def sms_callbacks_router() -> APIRouter:
    from notifications.entrypoints.http.dependencies import services

    router = APIRouter(tags=["sms callbacks"])

    @router.post(
        "/api/v1/sms_callbacks/{provider}/{token}", status_code=204, description=RecordDeliveryReport.__doc__
    )
    async def delivery_report(
        provider: str,
        token: str,
        body: Annotated[BrevoSmsEvent, Body()],
        s: Annotated[Any, Depends(services)],
    ) -> Response:
        # The token in the URL we gave the provider is the only proof the call comes from it.
        if not hmac.compare_digest(token.encode(), s.settings.sms_callback_token.encode()):
            raise InvalidCallbackToken()
        if provider != BREVO:
            raise UnknownSmsProvider(provider)
        report = body.report()
        await RecordDeliveryReport(s.unit(), s.clock)(
            provider, report.message_id, report.result, report.error
        )
        return Response(status_code=204)

    return router
