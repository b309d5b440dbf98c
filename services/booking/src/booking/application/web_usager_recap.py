"""The recap of one of the usager's RDVs (or a relative's), for the confirmation and space pages.

Rules: an RDV of someone outside the usager's family does not exist for them (404).
"""

from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.recap import Recap, recap_of
from booking.application.usager_access import own_rdv


async def usager_recap(uow_factory: UnitOfWorkFactory, clock: Clock, user_id: int, rdv_id: int) -> Recap:
    async with uow_factory() as uow:
        rdv, _ = await own_rdv(uow, user_id, rdv_id)
        return await recap_of(uow, rdv, clock())
