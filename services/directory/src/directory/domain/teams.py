"""Teams (équipes): agents of one territory grouped under a name (reference §1.4, "Team")."""

from dataclasses import dataclass, field

from directory.domain.errors import InvalidField
from directory.domain.territories import require_text

MAX_NAME_LENGTH = 200


@dataclass
class Team:
    territory_id: int
    name: str
    id: int = 0  # 0 until stored
    agent_ids: list[int] = field(default_factory=list)
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        self.name = " ".join(self.name.split())
        if len(self.name) > MAX_NAME_LENGTH:
            raise InvalidField("name", f"doit faire au plus {MAX_NAME_LENGTH} caractères")
        if self.agent_ids is None:
            raise InvalidField("agent_ids", "doit être une liste (vide pour une équipe sans membre)")
        self.agent_ids = sorted(set(self.agent_ids))


def check_members(requested: list[int], of_territory: set[int]) -> None:
    """Every member works in an organisation of the team's territory."""
    strangers = sorted(set(requested) - of_territory)
    if strangers:
        listed = ", ".join(str(agent_id) for agent_id in strangers)
        raise InvalidField("agent_ids", f"ces agents ne travaillent pas dans l'espace : {listed}")
