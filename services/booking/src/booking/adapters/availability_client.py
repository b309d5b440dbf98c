"""Availability's slot validation over HTTP (docs/conventions.md, "Synchronous calls")."""

from datetime import datetime

import httpx

from booking.application.ports import SlotDecision, SlotRequest
from booking.domain.errors import SlotCheckUnavailable

VALIDATE_PATH = "/internal/v1/slots/validate"


class HttpSlotValidator:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def validate(self, request: SlotRequest) -> SlotDecision:
        body = {
            "motif_id": request.motif_id,
            "lieu_id": request.lieu_id,
            "starts_at": request.starts_at.isoformat(),
            "agent_ids": request.agent_ids,
            "caller": request.caller,
            "exclude_rdv_id": request.exclude_rdv_id,
            "invited": request.invited,
        }
        try:
            response = await self._http.post(VALIDATE_PATH, json=body)
            response.raise_for_status()
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SlotCheckUnavailable() from exc
        if not answer.get("bookable"):
            return SlotDecision(False, reason=answer.get("reason"), message=answer.get("message"))
        return SlotDecision(
            True,
            agent_id=int(answer["agent_id"]),
            lieu_id=answer.get("lieu_id"),
            starts_at=datetime.fromisoformat(answer["starts_at"]),
            ends_at=datetime.fromisoformat(answer["ends_at"]),
        )
