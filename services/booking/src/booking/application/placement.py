"""Where an agent may put an RDV: never an exact duplicate; an overlap only when forced."""

from booking.application.ports import RdvRepository
from booking.domain.errors import DuplicateRdv, OverlapNeedsConfirmation
from booking.domain.rdv import Rdv


async def place_for_agent(rdvs: RdvRepository, rdv: Rdv, *, force: bool) -> None:
    """An overlap is a warning the agent confirms with `force`; the RDV then stays out of the
    no-overlap constraint, so that usagers' bookings are still guarded against everything else."""
    if rdv.is_cancelled:
        rdv.forced = False
        return
    if await rdvs.duplicate_exists(rdv):
        raise DuplicateRdv()
    overlaps = await rdvs.overlapping(rdv)
    if overlaps and not force:
        raise OverlapNeedsConfirmation(overlaps)
    rdv.forced = bool(overlaps)
