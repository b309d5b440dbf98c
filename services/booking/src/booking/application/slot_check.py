"""Availability's answer about a slot, as domain errors."""

from booking.application.ports import SlotDecision, SlotRequest, SlotValidator
from booking.domain.errors import InvalidRdv, NotAllowed, SlotTaken

_FIELD_OF_REASON = {"unknown_motif": "motif_id"}


async def validated_slot(validator: SlotValidator, request: SlotRequest) -> SlotDecision:
    decision = await validator.validate(request)
    if decision.bookable:
        return decision
    message = decision.message or "Ce créneau n'est pas disponible."
    if decision.reason == "agent_busy":
        raise SlotTaken(message)
    if decision.reason == "not_bookable_by_caller":
        raise NotAllowed(message)
    raise InvalidRdv(_FIELD_OF_REASON.get(decision.reason or "", "starts_at"), message)
