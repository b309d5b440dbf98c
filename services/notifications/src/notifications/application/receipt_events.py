"""Receipt events published after a delivery's result changed."""

from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.notifications import ReceiptCreated, ReceiptUpdated
from rdv_contracts.registry import envelope

from notifications.domain.receipts import Receipt


def receipt_event(receipt: Receipt, *, created: bool) -> EventEnvelope:
    model = ReceiptCreated if created else ReceiptUpdated
    payload = model(
        id=receipt.id,
        rdv_id=receipt.rdv_id,
        rdv_uuid=receipt.rdv_uuid,
        organisation_id=receipt.organisation_id,
        user_id=receipt.user_id,
        agent_id=receipt.agent_id,
        event=receipt.event,
        channel=receipt.channel,
        recipient=receipt.masked_recipient,
        result=receipt.result,
        error_message=receipt.error_message,
        sms_provider=receipt.sms_provider,
        sms_count=receipt.sms_count,
        content=receipt.content,
        created_at=receipt.created_at,
        updated_at=receipt.updated_at,
    )
    return envelope(payload, aggregate_id=receipt.id, organisation_id=receipt.organisation_id)
