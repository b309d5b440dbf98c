"""Whom to call when a participation link cannot open the RDV (locked, expired, too late).

Rules: only the organisation's public contact is shown, never anything about the RDV itself, since
the visitor has not proved who they are.
"""

from dataclasses import dataclass

from booking.application.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class OrganisationContact:
    name: str
    phone_number: str | None


async def organisation_contact_of_rdv(
    uow_factory: UnitOfWorkFactory, rdv_id: int
) -> OrganisationContact | None:
    async with uow_factory() as uow:
        rdv = await uow.rdvs.get(rdv_id)
        organisation = await uow.directory.organisation(rdv.organisation_id) if rdv else None
    if organisation is None:
        return None
    return OrganisationContact(organisation.name, organisation.phone_number)
