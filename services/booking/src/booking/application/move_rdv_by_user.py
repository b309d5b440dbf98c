"""An usager moves their RDV to another free slot.

Rules: strictly more than 2 days before, only an RDV they booked themselves, if the motif allows
it; the new slot is validated by availability (the RDV's own time does not count) with the same
motif and lieu; the agent may change; the exclusion constraint guards the new time.
"""

from dataclasses import dataclass
from datetime import datetime

from booking.application.events import publish_changed, user_actor
from booking.application.ports import Clock, SlotRequest, SlotValidator, UnitOfWorkFactory
from booking.application.references import checked_motif
from booking.application.slot_check import validated_slot
from booking.application.usager_access import own_rdv
from booking.domain.errors import SlotTaken
from booking.domain.rdv import Rdv
from booking.domain.self_service import ensure_movable_by_user
from booking.domain.snapshot import snapshot


@dataclass(frozen=True)
class MoveRdv:
    user_id: int
    rdv_id: int
    starts_at: datetime


async def move_rdv_by_user(
    uow_factory: UnitOfWorkFactory, clock: Clock, validator: SlotValidator, cmd: MoveRdv
) -> Rdv:
    async with uow_factory() as uow:
        rdv, _ = await own_rdv(uow, cmd.user_id, cmd.rdv_id)
        ensure_movable_by_user(rdv, await checked_motif(uow.directory, rdv.motif_id), clock())
    request = SlotRequest(rdv.motif_id, rdv.lieu_id, cmd.starts_at, None, "user", exclude_rdv_id=rdv.id)
    slot = await validated_slot(validator, request)
    assert slot.agent_id is not None and slot.starts_at is not None and slot.ends_at is not None
    async with uow_factory() as uow:
        rdv, _ = await own_rdv(uow, cmd.user_id, cmd.rdv_id)
        now = clock()
        ensure_movable_by_user(rdv, await checked_motif(uow.directory, rdv.motif_id), now)
        before = snapshot(rdv)
        rdv.reschedule(slot.starts_at, slot.ends_at, now)
        rdv.agent_ids = [slot.agent_id]
        rdv.forced = False
        rdv.touch(now)
        await uow.rdvs.save(rdv)
        if await uow.rdvs.forced_overlap_exists(rdv):
            raise SlotTaken()
        publish_changed(uow, before, rdv, user_actor(cmd.user_id))
        await uow.commit()
    return rdv
