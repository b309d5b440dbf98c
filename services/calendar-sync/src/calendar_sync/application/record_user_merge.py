"""Directory merged two records of one usager: what we hold about the merged one moves to the kept one.

Rules:
- each RDV copy where the merged usager takes part shows the kept one instead (booking's own
  `rdv.updated` follows with a newer version and the same participants);
- stored webhook bodies show the kept usager in place of the merged one; the merged usager's
  deletion follows (`user.deleted`) and tells the organisations that knew them;
- a replayed merge finds nothing left to move.
"""

from typing import TYPE_CHECKING

from rdv_contracts.directory import UserMerged
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload

from calendar_sync.application.erase_user_from_deliveries import replace_user_in_deliveries
from calendar_sync.domain.user_merge import rdv_with_user_merged
from calendar_sync.domain.webhook_entity_data import user_data

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


async def record_user_merge(stores: "Stores", envelope: EventEnvelope) -> None:
    merge = parse_payload(envelope, UserMerged)
    for rdv in await stores.rdvs.with_participant(merge.merged_user_id):
        await stores.rdvs.replace_snapshot(rdv_with_user_merged(rdv, merge.merged_user_id, merge.user_id))
    kept = user_data(await stores.copies.get("user", merge.user_id)) or {"id": merge.user_id}
    await replace_user_in_deliveries(stores, merge.merged_user_id, kept)
