"""The directory entities an RDV refers to: their copies must be here before it is notified."""

from typing import TypeVar

from rdv_contracts.booking import RdvSnapshot

from notifications.application.ports import LocalCopies
from notifications.domain.copies import LieuCopy, MotifCopy, OrganisationCopy, TerritoryCopy
from notifications.domain.errors import LocalCopyMissing

T = TypeVar("T")


async def _present(copies: LocalCopies, entity: str, entity_id: int, copy: T | None) -> T:
    if copy is None:
        raise LocalCopyMissing(entity, entity_id, deleted=await copies.deleted(entity, entity_id))
    return copy


async def organisation_and_territory(
    copies: LocalCopies, organisation_id: int
) -> tuple[OrganisationCopy, TerritoryCopy]:
    """Raises LocalCopyMissing. The territory gives the time zone, holidays and SMS provider."""
    organisation = await _present(
        copies, "organisation", organisation_id, await copies.organisation(organisation_id)
    )
    territory_id = organisation.territory_id
    territory = await _present(copies, "territory", territory_id, await copies.territory(territory_id))
    return organisation, territory


async def motif(copies: LocalCopies, rdv: RdvSnapshot) -> MotifCopy:
    return await _present(copies, "motif", rdv.motif_id, await copies.motif(rdv.motif_id))


async def lieu(copies: LocalCopies, rdv: RdvSnapshot) -> LieuCopy | None:
    """The RDV's lieu, or its single-use lieu, or none (phone, home, visio)."""
    if rdv.single_use_lieu is not None:
        single = rdv.single_use_lieu
        return LieuCopy(0, rdv.organisation_id, single.name, single.address, single.phone_number)
    if rdv.lieu_id is None:
        return None
    return await _present(copies, "lieu", rdv.lieu_id, await copies.lieu(rdv.lieu_id))
