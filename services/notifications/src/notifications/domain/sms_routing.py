"""Which SMS provider sends for a territory: its own when we speak its API, else the default."""

from dataclasses import dataclass

from notifications.domain.copies import TerritoryCopy


@dataclass(frozen=True)
class SmsRouting:
    default: str
    available: frozenset[str]

    def provider_for(self, territory: TerritoryCopy | None) -> str:
        chosen = territory.sms_provider if territory else None
        return chosen if chosen in self.available else self.default
