"""Events published by the calendar-sync service: alerts that people must hear about by e-mail."""

from pydantic import Field

from rdv_contracts.base import Contract


class OutlookConnectionBroken(Contract):
    """Microsoft refused an agent's Outlook connection (e.g. `invalid_grant`): the agent must reconnect."""

    agent_id: int
    reason: str = Field(description="Microsoft's error code, e.g. invalid_grant")


class CaldavConnectionBroken(Contract):
    """An agent's CalDAV server keeps refusing our credentials: the agent must reconnect."""

    agent_id: int
    reason: str


class WebhookEndpointDisabled(Contract):
    """A webhook endpoint was disabled (its receiver answered 410 Gone); its admins are told."""

    endpoint_id: int
    organisation_id: int
    target_url: str
    reason: str
