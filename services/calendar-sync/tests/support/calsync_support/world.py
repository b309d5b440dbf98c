"""A small organisation known to calendar-sync through the events it received."""

from dataclasses import dataclass

from calsync_support import events
from calsync_support.harness import Harness


@dataclass(frozen=True)
class World:
    territory_id: int
    organisation_id: int
    motif_id: int
    lieu_id: int
    agent_id: int
    user_id: int
    profile_id: int


async def make_world(harness: Harness, time_zone: str = "Europe/Paris") -> World:
    world = World(*(events.next_id() for _ in range(7)))
    await harness.publish(
        events.territory(world.territory_id, time_zone),
        events.organisation(world.organisation_id, world.territory_id),
        events.motif(world.motif_id, world.organisation_id),
        events.lieu(world.lieu_id, world.organisation_id),
        events.agent(world.agent_id, [world.organisation_id]),
        events.agent_role(events.next_id(), world.agent_id, world.organisation_id),
        events.user(world.user_id),
        events.user_profile(world.profile_id, world.user_id, world.organisation_id),
    )
    return world


def rdv_of(world: World, rdv_id: int | None = None, **changes: object) -> object:
    return events.rdv_snapshot(
        rdv_id or events.next_id(),
        organisation_id=world.organisation_id,
        motif_id=world.motif_id,
        lieu_id=world.lieu_id,
        agent_ids=[world.agent_id],
        user_ids=changes.pop("user_ids", [world.user_id]),
        **changes,  # type: ignore[arg-type]
    )
