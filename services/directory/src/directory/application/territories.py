"""Territories (espaces): their settings and enabled services, managed by territory admins.

- Members of an organisation of the territory read it; only its territory admins change it.
- The SMS provider's credentials are stored encrypted and never returned nor published.
- Creating a territory is a platform operation (demo data, CLI), not an API call.
"""

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from directory.application.access import require_territory_admin
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.publishing import publish_territory
from directory.domain.caller import Caller
from directory.domain.errors import InvalidField, NotFound
from directory.domain.territories import Territory

EDITABLE = [f.name for f in fields(Territory) if f.name not in ("id", "version")]


async def get_territory(ctx: Context, caller: Caller, territory_id: int) -> tuple[Territory, list[int]]:
    async with ctx.uow() as uow:
        territory = await uow.territories.get(territory_id)
        member_of = await uow.organisations.territory_ids_of(list(caller.organisation_ids))
        if territory is None or (territory_id not in caller.territory_ids and territory_id not in member_of):
            raise NotFound("espace introuvable")
        return territory, await uow.territories.service_ids(territory_id)


async def update_territory(
    ctx: Context,
    caller: Caller,
    territory_id: int,
    changes: Mapping[str, Any],
    sms_configuration: str | None = None,
    service_ids: list[int] | None = None,
) -> Territory:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        territory = await uow.territories.get(territory_id, for_update=True)
        assert territory is not None
        territory = apply_changes(territory, changes, EDITABLE)
        territory.validate()
        territory = await uow.territories.save(territory)
        if sms_configuration is not None:
            await uow.territories.set_sms_configuration(territory_id, ctx.secrets.encrypt(sms_configuration))
        if service_ids is not None:
            if len(await uow.services.by_ids(service_ids)) != len(set(service_ids)):
                raise InvalidField("service_ids", "service inconnu")
            await uow.territories.set_service_ids(territory_id, service_ids)
        await publish_territory(uow, territory, created=False)
        await uow.commit()
    return territory
