"""Rights of the seeds' FAQ ("Quels sont les différents droits d'accès des agents ?").

- basic agent: the organisations they belong to, the agents of their own services there;
- secretariat (member of the Secrétariat service): every agent of their organisations, basic rights;
- admin: everything of the organisation (settings, motifs, lieux, agents, API tokens);
- territory admin: everything in the espace (organisations, agents' services and roles, bulk edits);
- an API token acts as an admin of its one organisation;
- usagers are seen through the organisations they belong to; in a territory that makes them
  "visible throughout the territory" (reference §1.1), by every member of its organisations.
A resource the caller cannot see answers "not found", one they see but may not change "not allowed".
"""

from collections.abc import Iterable

from directory.domain.caller import Caller
from directory.domain.errors import NotAllowed, NotFound

ADMIN = "admin"
ACTIVE_LEVELS = ("basic", "admin")


def sees_organisation(caller: Caller, organisation_id: int, territory_id: int) -> bool:
    if caller.kind == "system":
        return True
    return caller.level_in(organisation_id) in ACTIVE_LEVELS or territory_id in caller.territory_ids


def is_admin_of(caller: Caller, organisation_id: int, territory_id: int) -> bool:
    if caller.kind == "system":
        return True
    return caller.level_in(organisation_id) == ADMIN or territory_id in caller.territory_ids


def require_member(caller: Caller, organisation_id: int, territory_id: int, what: str) -> None:
    if not sees_organisation(caller, organisation_id, territory_id):
        raise NotFound(f"{what} introuvable")


def require_admin(caller: Caller, organisation_id: int, territory_id: int, what: str) -> None:
    require_member(caller, organisation_id, territory_id, what)
    if not is_admin_of(caller, organisation_id, territory_id):
        raise NotAllowed("Cette action est réservée aux administrateurs de l'organisation")


def require_territory_admin(caller: Caller, territory_id: int, member_territory_ids: Iterable[int]) -> None:
    """`member_territory_ids`: territories of the organisations the caller belongs to."""
    if caller.kind == "system" or territory_id in caller.territory_ids:
        return
    if territory_id in set(member_territory_ids):
        raise NotAllowed("Cette action est réservée aux administrateurs de l'espace")
    raise NotFound("espace introuvable")


def sees_every_agent_of(caller: Caller, organisation_id: int, territory_id: int) -> bool:
    return is_admin_of(caller, organisation_id, territory_id) or (
        caller.secretariat and caller.level_in(organisation_id) in ACTIVE_LEVELS
    )


def sees_agent(
    caller: Caller, agent_id: int, memberships: Iterable[tuple[int, int]], agent_service_ids: Iterable[int]
) -> bool:
    """`memberships`: (organisation_id, territory_id) of the agent's roles."""
    if caller.kind == "agent" and caller.id == agent_id:
        return True
    shared_service = bool(caller.service_ids & set(agent_service_ids))
    for organisation_id, territory_id in memberships:
        if sees_every_agent_of(caller, organisation_id, territory_id):
            return True
        if shared_service and caller.level_in(organisation_id) in ACTIVE_LEVELS:
            return True
    return False


def member_organisation_ids(caller: Caller) -> list[int]:
    """Organisations where the caller works (intervenants, who never sign in, excluded)."""
    return sorted(o for o, level in caller.org_levels.items() if level in ACTIVE_LEVELS)


def sees_user(
    caller: Caller,
    user_organisations: Iterable[tuple[int, int]],
    open_territory_ids: Iterable[int],
    member_territory_ids: Iterable[int],
) -> bool:
    """`user_organisations`: (organisation_id, territory_id) of the usager's profiles;
    `open_territory_ids`: those of their territories whose usagers are visible throughout;
    `member_territory_ids`: territories of the organisations the caller works in."""
    if any(sees_organisation(caller, o, t) for o, t in user_organisations):
        return True
    return bool(set(open_territory_ids) & set(member_territory_ids))


def require_agent_caller(caller: Caller) -> None:
    if caller.kind not in ("agent", "api_token", "system"):
        raise NotAllowed("Cette action est réservée aux agents")
