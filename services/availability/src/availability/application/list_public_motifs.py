"""Public search, step 1: the motifs the caller may book from a public link, one entry per public
motif key (`name_with_location_type`) gathering the motifs of the same name in several organisations.

- Only active motifs the caller may book, with a plage still to come.
- Collective motifs only while one of their RDVs has seats left within the booking delays.
- Follow-up motifs only in a signed-in usager's invitation search (`referents=true`), and only those
  their referent agents hold; never otherwise.
"""

from dataclasses import dataclass, field

from availability.application.ports import CatalogSource, Clock, ReferentReader
from availability.application.public_scope import PublicScope, public_motifs
from availability.application.slot_search import BusyReader
from availability.domain.catalog import Motif


@dataclass
class PublicMotif:
    key: str
    name: str
    location_type: str
    service_id: int
    motif_ids: list[int] = field(default_factory=list)


async def list_public_motifs(
    scope: PublicScope, catalogs: CatalogSource, busy: BusyReader, referents: ReferentReader, clock: Clock
) -> list[PublicMotif]:
    catalog = await catalogs.current()
    now = clock()
    found = await public_motifs(catalog, scope, now.date(), busy, referents, int(now.timestamp()))
    grouped: dict[str, PublicMotif] = {}
    motifs: list[Motif] = sorted(found, key=lambda m: (m.name, m.id))
    for motif in motifs:
        entry = grouped.setdefault(
            motif.key, PublicMotif(motif.key, motif.name, motif.location_type.value, motif.service_id)
        )
        entry.motif_ids.append(motif.id)
    return list(grouped.values())
