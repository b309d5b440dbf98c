"""Requests from directory to the notifications service to send an account e-mail.

They carry a link with a secret token, so they travel on a topic with a short retention and are never
forwarded to external systems.
"""

from pydantic import Field

from rdv_contracts.base import Contract, UtcDatetime


class AccountLinkRequest(Contract):
    """An e-mail with a single link to send to one person."""

    email: str
    first_name: str | None = None
    last_name: str
    url: str = Field(description="The link to put in the e-mail, token included")
    expires_at: UtcDatetime = Field(description="When the link stops working")


class AgentInvited(AccountLinkRequest):
    """An agent was invited to an organisation and must choose a password."""

    agent_id: int
    organisation_name: str
    invited_by_first_name: str | None = None
    invited_by_last_name: str | None = None


class AgentPasswordResetRequested(AccountLinkRequest):
    """An agent asked to reset their password."""

    agent_id: int


class UserEmailVerificationRequested(AccountLinkRequest):
    """An usager signed up (or changed their e-mail) and must confirm the address."""

    user_id: int


class UserPasswordResetRequested(AccountLinkRequest):
    """An usager asked to reset their password."""

    user_id: int
