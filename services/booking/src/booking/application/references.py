"""Checks of the ids an RDV refers to, against the local copies of the directory."""

from collections.abc import Sequence

from rdv_contracts.booking import SingleUseLieu
from rdv_contracts.directory import LieuAvailability, LocationType, Motif, User, VisibilityType

from booking.application.ports import DirectoryCopies
from booking.domain.errors import InvalidRdv


async def checked_motif(
    directory: DirectoryCopies, motif_id: int, organisation_id: int | None = None
) -> Motif:
    motif = usable_motif(await directory.motif(motif_id))
    if organisation_id is not None and motif.organisation_id != organisation_id:
        raise InvalidRdv("motif_id", "Ce motif n'appartient pas à cette organisation.")
    return motif


def usable_motif(motif: Motif | None) -> Motif:
    if motif is None or motif.deleted_at is not None:
        raise InvalidRdv("motif_id", "Motif inconnu.")
    return motif


async def check_lieu(
    directory: DirectoryCopies, motif: Motif, lieu_id: int | None, single_use: SingleUseLieu | None
) -> None:
    if lieu_id is not None and single_use is not None:
        raise InvalidRdv("lieu_id", "Un RDV a un lieu ou un lieu ponctuel, pas les deux.")
    if lieu_id is None:
        if motif.location_type is LocationType.PUBLIC_OFFICE and single_use is None:
            raise InvalidRdv("lieu_id", "Un lieu est requis pour un motif sur place.")
        return
    lieu = await directory.lieu(lieu_id)
    if lieu is None or lieu.organisation_id != motif.organisation_id:
        raise InvalidRdv("lieu_id", "Lieu inconnu dans cette organisation.")
    if lieu.availability is LieuAvailability.DISABLED:
        raise InvalidRdv("lieu_id", "Ce lieu est désactivé.")


async def check_agents(directory: DirectoryCopies, agent_ids: Sequence[int], organisation_id: int) -> None:
    if not agent_ids:
        raise InvalidRdv("agent_ids", "Au moins un agent est requis.")
    for agent_id in agent_ids:
        agent = await directory.agent(agent_id)
        gone = agent is None or agent.deleted_at is not None
        if gone or not await directory.has_role(agent_id, organisation_id):
            raise InvalidRdv("agent_ids", f"L'agent {agent_id} n'appartient pas à cette organisation.")


async def checked_users(directory: DirectoryCopies, user_ids: Sequence[int]) -> list[User]:
    if len(set(user_ids)) != len(user_ids):
        raise InvalidRdv("user_ids", "Un usager ne peut figurer qu'une fois.")
    users = []
    for user_id in user_ids:
        user = await directory.user(user_id)
        if user is None or user.deleted_at is not None:
            raise InvalidRdv("user_ids", f"Usager {user_id} inconnu.")
        users.append(user)
    return users


def notified_by_default(motif: Motif) -> bool:
    return motif.visibility_type is VisibilityType.VISIBLE_AND_NOTIFIED
