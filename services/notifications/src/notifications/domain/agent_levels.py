"""Whether an agent gets an e-mail about a change of their RDV (reference §5.1, "Agent levels")."""

from datetime import date, timedelta

from rdv_contracts.booking import Actor, ActorType
from rdv_contracts.directory import RdvNotificationLevel

from notifications.domain.copies import AgentCopy


def is_soon(local_days: list[date], today: date) -> bool:
    """`soon` agents hear only about RDVs (new or previous date) today or tomorrow."""
    return any(day in (today, today + timedelta(days=1)) for day in local_days)


def agent_wants_mail(agent: AgentCopy, actor: Actor, soon: bool) -> bool:
    level = agent.rdv_notifications_level
    if agent.email is None or level == RdvNotificationLevel.NONE:
        return False
    if level == RdvNotificationLevel.ALL:
        return True
    if actor.type == ActorType.AGENT and actor.id == agent.id:
        return False
    return level == RdvNotificationLevel.OTHERS or soon
