"""Models a webhook endpoint can subscribe to, named as in the existing system (reference §1.14)."""

from enum import StrEnum


class WebhookModel(StrEnum):
    RDV = "rdv"
    ABSENCE = "absence"
    PLAGE_OUVERTURE = "plage_ouverture"
    USER = "user"
    USER_PROFILE = "user_profile"
    ORGANISATION = "organisation"
    MOTIF = "motif"
    LIEU = "lieu"
    AGENT = "agent"
    AGENT_ROLE = "agent_role"
    REFERENT_ASSIGNATION = "referent_assignation"

    @property
    def class_name(self) -> str:
        """`meta.model` carries the existing system's class name, e.g. "PlageOuverture"."""
        return "".join(part.capitalize() for part in self.value.split("_"))


class WebhookEvent(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DESTROYED = "destroyed"


DEFAULT_SUBSCRIPTIONS = (WebhookModel.RDV, WebhookModel.ABSENCE, WebhookModel.PLAGE_OUVERTURE)
