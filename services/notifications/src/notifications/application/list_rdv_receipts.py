"""List the receipts of an RDV, for the agents of its organisation."""

from dataclasses import dataclass

from rdv_chassis.auth.principal import Principal

from notifications.application.ports import NotificationsUnit
from notifications.domain.errors import RdvNotVisible
from notifications.domain.receipts import Receipt


@dataclass(frozen=True)
class ListRdvReceipts:
    """Business rules: agents (and API tokens) of the RDV's organisation, and the admins of its
    territory, see its receipts, recipients masked; an RDV of another organisation answers 404 like
    an unknown one; usagers see none."""

    unit: NotificationsUnit

    async def __call__(self, principal: Principal, rdv_id: int) -> list[Receipt]:
        if principal.kind not in ("agent", "api_token"):
            raise RdvNotVisible()
        async with self.unit as unit:
            receipts = await unit.store.for_rdv(rdv_id)
            for organisation_id in {r.organisation_id for r in receipts}:
                if not await _visible(unit, principal, organisation_id):
                    raise RdvNotVisible()
        return receipts


async def _visible(unit: NotificationsUnit, principal: Principal, organisation_id: int | None) -> bool:
    if organisation_id in principal.organisation_ids:
        return True
    if organisation_id is None or not principal.territory_admin_ids:
        return False
    organisation = await unit.copies.organisation(organisation_id)
    return organisation is not None and organisation.territory_id in principal.territory_admin_ids
