"""Development SMS provider: logs the message instead of sending it."""

import logging

from notifications.domain.delivery import SmsAccepted
from notifications.domain.masking import mask_recipient
from notifications.domain.messages import SmsMessage

log = logging.getLogger(__name__)


class LoggingSms:
    name = "logging"

    async def send(self, sms: SmsMessage, reference: str) -> SmsAccepted:
        log.info("sms %s to %s (%d segments): %s", reference, mask_recipient(sms.to), sms.segments, sms.text)
        return SmsAccepted(None, sms.segments)
