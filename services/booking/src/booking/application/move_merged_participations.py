"""The directory merged two records of one usager: the merged one's RDVs now belong to the kept one.

Rules: each participation of the merged usager moves to the kept usager, with its status; in an RDV
where both took part, the kept usager's participation stays and the merged one's goes; every RDV
changed publishes `rdv.updated` (actor: system); a replayed merge finds nothing left to move.
"""

from dataclasses import dataclass

from rdv_contracts import booking as bk

from booking.application.events import publish_changed
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.domain.snapshot import snapshot

SYSTEM = bk.Actor(type=bk.ActorType.SYSTEM)


@dataclass(frozen=True)
class MoveMergedParticipations:
    user_id: int
    merged_user_id: int


async def move_merged_participations(
    uow_factory: UnitOfWorkFactory, clock: Clock, cmd: MoveMergedParticipations
) -> list[int]:
    """The ids of the RDVs changed."""
    changed = []
    async with uow_factory() as uow:
        for found in await uow.rdvs.of_users([cmd.merged_user_id]):
            assert found.id is not None
            rdv = await uow.rdvs.get(found.id, for_update=True)
            merged = rdv.participation_of(cmd.merged_user_id) if rdv else None
            if rdv is None or merged is None:
                continue
            before = snapshot(rdv)
            if rdv.participation_of(cmd.user_id) is None:
                merged.user_id = cmd.user_id
            else:
                rdv.participations.remove(merged)
            rdv.touch(clock())
            await uow.rdvs.save(rdv)
            publish_changed(uow, before, rdv, SYSTEM)
            changed.append(found.id)
        await uow.commit()
    return changed
