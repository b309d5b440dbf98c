"""Send the account e-mails directory asks for: invitation, e-mail verification, password resets."""

from dataclasses import dataclass
from uuid import UUID

from rdv_contracts import directory as dr
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries
from notifications.domain.delivery import NewDelivery, Subject

_TEMPLATES: dict[type[dr.AccountLinkRequest], tuple[str, ReceiptEvent]] = {
    dr.AgentInvited: ("account/agent_invited", ReceiptEvent.AGENT_INVITED),
    dr.AgentPasswordResetRequested: ("account/agent_password_reset", ReceiptEvent.AGENT_PASSWORD_RESET),
    dr.UserEmailVerificationRequested: (
        "account/user_email_verification",
        ReceiptEvent.USER_EMAIL_VERIFICATION,
    ),
    dr.UserPasswordResetRequested: ("account/user_password_reset", ReceiptEvent.USER_PASSWORD_RESET),
}


@dataclass(frozen=True)
class SendAccountMail:
    """Business rules: one e-mail to the address in the request, with its link; the link holds a secret,
    so the rendered message is erased once sent and the receipt keeps the subject only."""

    deliveries: Deliveries
    composer: Composer

    async def __call__(self, event_id: UUID, request: dr.AccountLinkRequest) -> int:
        template, event = _TEMPLATES[type(request)]
        mail = self.composer.mail(template, request.email, request.model_dump())
        subject = Subject(
            agent_id=getattr(request, "agent_id", None), user_id=getattr(request, "user_id", None)
        )
        return await self.deliveries.record([NewDelivery(event_id, event, subject, mail, mail.subject)])
