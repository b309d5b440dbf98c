"""Who may manage whose agenda (seeds: an agent manages their own; admins and the secretariat manage
their organisation's; territory admins their territory's). A foreign organisation answers 404."""

from dataclasses import dataclass, field

from availability.domain.catalog import Catalog
from availability.domain.errors import NotAllowed, NotFound


@dataclass(frozen=True)
class Caller:
    agent_id: int | None
    levels: dict[int, str] = field(default_factory=dict)
    territory_admin_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    secretariat: bool = False

    def sees_organisation(self, organisation_id: int, catalog: Catalog) -> bool:
        if organisation_id in self.levels:
            return True
        territory = catalog.territory_of(organisation_id)
        return territory is not None and territory.id in self.territory_admin_ids

    def manages_organisation(self, organisation_id: int, catalog: Catalog) -> bool:
        territory = catalog.territory_of(organisation_id)
        return (
            self.levels.get(organisation_id) == "admin"
            or (self.secretariat and organisation_id in self.levels)
            or (territory is not None and territory.id in self.territory_admin_ids)
        )


def require_agenda_rights(
    caller: Caller, agent_id: int, organisation_ids: set[int], catalog: Catalog
) -> None:
    """`organisation_ids`: where the agenda entry lives (a plage's organisation, an absent agent's)."""
    visible = [org for org in organisation_ids if caller.sees_organisation(org, catalog)]
    if not visible:
        raise NotFound("introuvable")
    if caller.agent_id == agent_id:
        return
    if not any(caller.manages_organisation(org, catalog) for org in visible):
        raise NotAllowed("vous ne pouvez gérer que votre propre agenda")
