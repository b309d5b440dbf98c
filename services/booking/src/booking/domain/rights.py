"""What an agent may see and do with RDVs (seeds' FAQ, "Quels sont les différents droits d'accès").

Basic agents: RDVs of their services, and their own. Admins and the Secrétariat: the whole
organisation. Territory admins: every organisation of their territory. Only admins delete.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

ADMIN = "admin"


@dataclass(frozen=True)
class AgentAccess:
    agent_id: int
    levels: Mapping[int, str]
    service_ids: frozenset[int] = frozenset()
    secretariat: bool = False
    territory_admin_ids: frozenset[int] = field(default_factory=frozenset)

    def is_member(self, organisation_id: int, territory_id: int | None) -> bool:
        return organisation_id in self.levels or territory_id in self.territory_admin_ids

    def sees_whole(self, organisation_id: int, territory_id: int | None) -> bool:
        level = self.levels.get(organisation_id)
        return (
            level == ADMIN
            or (level is not None and self.secretariat)
            or territory_id in self.territory_admin_ids
        )

    def may_see(
        self,
        organisation_id: int,
        territory_id: int | None,
        motif_service_id: int | None,
        agent_ids: list[int],
    ) -> bool:
        if not self.is_member(organisation_id, territory_id):
            return False
        return (
            self.sees_whole(organisation_id, territory_id)
            or motif_service_id in self.service_ids
            or self.agent_id in agent_ids
        )

    def may_book(
        self, organisation_id: int, territory_id: int | None, motif_service_id: int, for_secretariat: bool
    ) -> bool:
        if not self.is_member(organisation_id, territory_id):
            return False
        return (
            self.sees_whole(organisation_id, territory_id)
            or motif_service_id in self.service_ids
            or (self.secretariat and for_secretariat)
        )

    def may_delete(self, organisation_id: int) -> bool:
        return self.levels.get(organisation_id) == ADMIN
