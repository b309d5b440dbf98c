"""Brevo (ex Sendinblue) transactional SMS, the territories' `send_in_blue` provider.

API followed: https://developers.brevo.com/reference/send-async-transactional-sms
(POST /v3/transactionalSMS/send, `api-key` header, body sender/recipient/content/type/tag/webUrl,
answer `{"messageId": ...}`), and the SMS events of https://developers.brevo.com/docs/transactional-webhooks
(`messageId`, `msg_status` sent | delivered | soft_bounce | hard_bounce, `sms_count`), posted to `webUrl`.
"""

from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field
from rdv_contracts.notifications import ReceiptResult

from notifications.domain.delivery import SendFailure, SmsAccepted
from notifications.domain.messages import SmsMessage

NAME = "send_in_blue"
DEFAULT_BASE_URL = "https://api.brevo.com/v3"

_RESULTS = {"sent": ReceiptResult.SENT, "delivered": ReceiptResult.DELIVERED}


class BrevoSms:
    name = NAME

    def __init__(
        self,
        http: httpx.AsyncClient,
        api_key: str,
        sender: str,
        callback_url: str | None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 5,
    ) -> None:
        self._http, self._api_key, self._sender = http, api_key, sender
        self._callback_url, self._base_url, self._timeout = callback_url, base_url.rstrip("/"), timeout

    async def send(self, sms: SmsMessage, reference: str) -> SmsAccepted:
        body: dict[str, Any] = {
            "sender": self._sender,
            "recipient": sms.to,
            "content": sms.text,
            "type": "transactional",
            "tag": f"delivery-{reference}",
        }
        if self._callback_url:
            body["webUrl"] = self._callback_url
        try:
            response = await self._http.post(
                f"{self._base_url}/transactionalSMS/send",
                json=body,
                headers={"api-key": self._api_key, "accept": "application/json"},
                timeout=self._timeout,
            )
        except httpx.HTTPError as exc:
            raise SendFailure(f"Brevo unreachable: {type(exc).__name__}") from exc
        if response.is_success:
            return SmsAccepted(str(response.json()["messageId"]), sms.segments)
        reason = f"Brevo {response.status_code}: {response.text[:300]}"
        # 400 is our request's fault and will not improve; 401/402/429/5xx may once fixed or later.
        raise SendFailure(reason, permanent=response.status_code == 400)


@dataclass(frozen=True)
class DeliveryReport:
    message_id: str
    result: ReceiptResult
    error: str | None


class BrevoSmsEvent(BaseModel):
    """The fields we read from Brevo's transactional SMS webhook; the others are ignored."""

    model_config = ConfigDict(extra="ignore")

    messageId: int | str = Field(description="Brevo's message id, answered when the SMS was sent")
    msg_status: str = Field(description="sent, delivered, soft_bounce, hard_bounce...")
    sms_count: int | None = None

    def report(self) -> DeliveryReport:
        result = _RESULTS.get(self.msg_status, ReceiptResult.FAILURE)
        error = None if self.msg_status in _RESULTS else self.msg_status
        return DeliveryReport(str(self.messageId), result, error)
