"""What the booking pages show of a motif before a slot is chosen, from booking's local copies.

Rules: the motif's `restriction_for_rdv` is accepted by the usager before going on (reference §4.1);
a collective motif's sessions are not booked through these pages (the organisation is named instead);
a motif that is deleted or unknown shows nothing; the organisation's contact is shown with it.
"""

from dataclasses import dataclass

from booking.application.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class MotifNotice:
    motif_id: int
    name: str
    restriction: str | None
    instruction: str | None
    organisation_name: str | None
    organisation_phone: str | None
    lieu_name: str | None = None
    lieu_address: str | None = None
    collectif: bool = False


async def motif_notice(
    uow_factory: UnitOfWorkFactory, motif_id: int, lieu_id: int | None = None
) -> MotifNotice | None:
    async with uow_factory() as uow:
        context = await uow.directory.motif_context(motif_id, lieu_id)
    if context is None or context.motif.deleted_at is not None:
        return None
    organisation = context.organisation
    return MotifNotice(
        motif_id,
        context.motif.name,
        context.motif.restriction_for_rdv or None,
        context.motif.instruction_for_rdv or None,
        organisation.name if organisation else None,
        organisation.phone_number if organisation else None,
        context.lieu.name if context.lieu else None,
        context.lieu.address if context.lieu else None,
        context.motif.collectif,
    )
