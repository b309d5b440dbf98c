"""List the receipts of an RDV, for the agents of its organisation."""

from dataclasses import dataclass

from rdv_chassis.auth.principal import Principal

from notifications.application.ports import NotificationsUnit
from notifications.domain.errors import RdvNotVisible
from notifications.domain.receipts import Receipt


@dataclass(frozen=True)
class ListRdvReceipts:
    """Business rules: agents (and API tokens) of the RDV's organisation see its receipts, recipients
    masked; an RDV of another organisation answers 404 like an unknown one; usagers see none."""

    unit: NotificationsUnit

    async def __call__(self, principal: Principal, rdv_id: int) -> list[Receipt]:
        if principal.kind not in ("agent", "api_token"):
            raise RdvNotVisible()
        async with self.unit as unit:
            receipts = await unit.store.for_rdv(rdv_id)
        if any(r.organisation_id not in principal.organisation_ids for r in receipts):
            raise RdvNotVisible()
        return receipts
