from notifications.bootstrap import Services
from notifications.config import NotificationsSettings
from notifications.entrypoints.subscribers import consumers
from rdv_contracts.registry import CONSUMES


def test_the_worker_subscribes_to_every_topic_notifications_consumes_once():
    services = Services(NotificationsSettings(environment="development"), database=None)  # type: ignore[arg-type]
    topics = [topic for consumer in consumers(services) for topic in consumer.topics]
    assert sorted(topics) == sorted(CONSUMES["notifications"])


def test_agent_roles_are_copied_with_their_own_consumer_group():
    services = Services(NotificationsSettings(environment="development"), database=None)  # type: ignore[arg-type]
    [roles] = [c for c in consumers(services) if c.topics == ["directory.agent_role"]]
    assert roles.name == "notifications.agent_roles"
    assert set(roles.handlers) == {"agent_role.created", "agent_role.updated", "agent_role.deleted"}
