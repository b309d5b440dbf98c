"""Demo agendas: weekly plages d'ouverture for the directory's demo agents (docs/conventions.md, "Demo data").

- The directory's demo entities reach this service through events: wait (bounded) until the local
  copies hold every agent, organisation, lieu and motif the demo plages name; fail with what is missing.
- Each plage is created through `create_plage` as its organisation's admin, so it is validated and
  published like any other; it recurs every week from today for the coming months.
- Idempotent: a plage with the same title for the same agent and organisation is not created again.
"""

import asyncio
import time as monotonic
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import time, timedelta

from availability.application.create_plage import CreatePlage, create_plage
from availability.application.ports import AgendaUnitOfWork, CatalogSource, Clock, IcalRenderer
from availability.domain.catalog import Catalog
from availability.domain.plage import PlageFields
from availability.domain.recurrence import Recurrence
from availability.domain.rights import Caller

DEMO_WEEKS = 26


@dataclass(frozen=True)
class DemoPlage:
    title: str
    agent_last_name: str
    organisation: str
    lieu: str | None
    motifs: tuple[str, ...]
    weekdays: tuple[str, ...]
    start_time: time
    end_time: time


class DemoDataMissing(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__("les copies locales n'ont pas encore : " + ", ".join(missing))
        self.missing = missing


def resolve(spec: DemoPlage, catalog: Catalog) -> tuple[int, int, int | None, tuple[int, ...]] | list[str]:
    """(agent, organisation, lieu, motifs) ids, or the names the local copies do not hold yet."""
    organisation = next((o.id for o in catalog.organisations.values() if o.name == spec.organisation), None)
    if organisation is None:
        return [f"organisation {spec.organisation}"]
    agents = {a.last_name: a.id for a in catalog.agents.values() if organisation in a.organisation_ids}
    lieux = {lieu.name: lieu.id for lieu in catalog.lieux.values() if lieu.organisation_id == organisation}
    motifs = {m.name: m.id for m in catalog.motifs.values() if m.organisation_id == organisation and m.active}
    missing = [f"agent {spec.agent_last_name}"] if spec.agent_last_name not in agents else []
    missing += [f"lieu {spec.lieu}"] if spec.lieu is not None and spec.lieu not in lieux else []
    missing += [f"motif {name}" for name in spec.motifs if name not in motifs]
    if missing:
        return missing
    lieu = lieux[spec.lieu] if spec.lieu is not None else None
    return agents[spec.agent_last_name], organisation, lieu, tuple(motifs[name] for name in spec.motifs)


async def wait_for_copies(
    specs: Sequence[DemoPlage],
    catalogs: CatalogSource,
    wait_seconds: float,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Catalog:
    deadline = monotonic.monotonic() + wait_seconds
    while True:
        catalog = await catalogs.current()
        found = [resolve(spec, catalog) for spec in specs]
        missing = [name for names in found if isinstance(names, list) for name in names]
        if not missing:
            return catalog
        if monotonic.monotonic() >= deadline:
            raise DemoDataMissing(sorted(set(missing)))
        await sleep(min(2.0, wait_seconds))


async def seed_demo_plages(
    specs: Sequence[DemoPlage],
    uow: Callable[[], AgendaUnitOfWork],
    catalogs: CatalogSource,
    ical: IcalRenderer,
    clock: Clock,
    wait_seconds: float = 120.0,
) -> int:
    """The number of plages created (0 when every one already exists)."""
    catalog = await wait_for_copies(specs, catalogs, wait_seconds)
    today = clock().date()
    created = 0
    for spec in specs:
        found = resolve(spec, catalog)
        assert not isinstance(found, list)
        agent_id, organisation_id, lieu_id, motif_ids = found
        if any(
            p.agent_id == agent_id and p.organisation_id == organisation_id and p.title == spec.title
            for p in catalog.plages.values()
        ):
            continue
        fields = PlageFields(
            agent_id, organisation_id, spec.title, today, spec.start_time, spec.end_time, motif_ids, lieu_id,
            Recurrence("week", 1, spec.weekdays, until=today + timedelta(weeks=DEMO_WEEKS)),
        )  # fmt: skip
        admin = Caller(agent_id=None, levels={organisation_id: "admin"})
        await create_plage(CreatePlage(admin, fields), uow(), catalogs, ical, clock)
        created += 1
    return created
