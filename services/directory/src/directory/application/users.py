"""Usagers created and changed by agents (and by usagers for themselves).

- An agent creates an usager in organisations they belong to (at least one); the usager gets a
  profile in each, and optional referent agents.
- E-mail is unique when present and typo-fixed; the phone is validated (France and overseas) and
  stored in E.164 too; the birth date is realistic.
- Social fields are accepted only when the territory enables them.
- A relative (`responsible_id`) cannot be their own responsible nor the responsible of theirs, and a
  relative has no relatives; a relative joins the organisations of their responsible.
- An usager signed in changes their own record and their relatives'.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from rdv_contracts.directory import CreatedThrough

from directory.application.access import organisation_for, user_for
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_state, publish_user
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, InvalidField
from directory.domain.memberships import ReferentAssignation, UserProfile
from directory.domain.users import SOCIAL_FIELDS, User, check_no_cycle, check_social_fields

NOT_EDITABLE = {"id", "version", "deleted_at", "anonymised_at", "created_through", "phone_number_formatted"}
EDITABLE = [f.name for f in fields(User) if f.name not in NOT_EDITABLE]


@dataclass(frozen=True)
class CreateUser:
    values: Mapping[str, Any]
    organisation_ids: list[int]
    referent_agent_ids: list[int] = field(default_factory=list)


async def _check(uow: UnitOfWork, ctx: Context, user: User, organisation_ids: list[int]) -> None:
    user.validate(ctx.clock().date())
    if user.email and (other := await uow.users.by_email(user.email)) and other.id != user.id:
        raise Conflict("Un usager utilise déjà cette adresse e-mail")
    chain = await uow.users.responsible_chain(user.responsible_id) if user.responsible_id else []
    if user.responsible_id and await uow.users.get(user.responsible_id) is None:
        raise InvalidField("responsible_id", "responsable introuvable")
    check_no_cycle(user.id, user.responsible_id, chain)
    if user.id and user.responsible_id and await uow.users.relatives(user.id):
        raise InvalidField("responsible_id", "un usager qui a des proches ne peut pas devenir un proche")
    if any(getattr(user, name) is not None for name in SOCIAL_FIELDS):
        enabled: dict[str, bool] = {}
        for organisation in await uow.organisations.by_ids(organisation_ids):
            territory = await uow.territories.get(organisation.territory_id)
            for toggle in SOCIAL_FIELDS.values():
                enabled[toggle] = enabled.get(toggle, False) or bool(getattr(territory, toggle))
        check_social_fields({n: getattr(user, n) for n in SOCIAL_FIELDS}, enabled)


async def create_user(ctx: Context, caller: Caller, command: CreateUser) -> User:
    if not command.organisation_ids:
        raise InvalidField("organisation_ids", "doit contenir au moins une organisation")
    unknown = set(command.values) - set(EDITABLE)
    if unknown:
        raise InvalidField(sorted(unknown)[0], "ce champ ne peut pas être renseigné")
    through = (
        CreatedThrough.AGENT_CREATION_API if caller.kind == "api_token" else CreatedThrough.AGENT_CREATION
    )
    user = User(**{"first_name": "", "last_name": "", **command.values, "created_through": through})
    async with ctx.uow() as uow:
        for organisation_id in command.organisation_ids:
            await organisation_for(uow, caller, organisation_id)
        await _check(uow, ctx, user, command.organisation_ids)
        user = await uow.users.add(user)
        await publish_user(uow, user, created=True)
        for organisation_id in sorted(set(command.organisation_ids)):
            profile = await uow.user_profiles.add(
                UserProfile(user_id=user.id, organisation_id=organisation_id)
            )
            publish_state(uow, profile, created=True, organisation_id=organisation_id)
        for agent_id in sorted(set(command.referent_agent_ids)):
            if await uow.agents.get(agent_id) is None:
                raise InvalidField("referent_agent_ids", "agent introuvable")
            referent = await uow.referents.add(ReferentAssignation(user_id=user.id, agent_id=agent_id))
            publish_state(uow, referent, created=True, organisation_id=command.organisation_ids[0])
        await uow.commit()
    return user


async def update_user(ctx: Context, caller: Caller, user_id: int, changes: Mapping[str, Any]) -> User:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidField(sorted(unknown)[0], "ce champ ne peut pas être modifié")
    async with ctx.uow() as uow:
        user = await user_for(uow, caller, user_id, for_update=True)
        if user.logged_once_with_franceconnect and {"first_name", "birth_name", "birth_date"} & set(changes):
            raise InvalidField("first_name", "identité certifiée par FranceConnect : non modifiable")
        for name, value in changes.items():
            setattr(user, name, value)
        organisation_ids = [p.organisation_id for p in await uow.user_profiles.of_user(user_id)]
        await _check(uow, ctx, user, organisation_ids)
        user = await uow.users.save(user)
        await publish_user(uow, user, created=False)
        if user.responsible_id:
            await _join_responsible_organisations(uow, user)
        await uow.commit()
    return user


async def _join_responsible_organisations(uow: UnitOfWork, relative: User) -> None:
    assert relative.responsible_id is not None and relative.id is not None
    have = {p.organisation_id for p in await uow.user_profiles.of_user(relative.id)}
    for profile in await uow.user_profiles.of_user(relative.responsible_id):
        if profile.organisation_id not in have:
            added = await uow.user_profiles.add(
                UserProfile(user_id=relative.id, organisation_id=profile.organisation_id)
            )
            publish_state(uow, added, created=True, organisation_id=profile.organisation_id)


async def get_user(ctx: Context, caller: Caller, user_id: int) -> tuple[User, list[int]]:
    async with ctx.uow() as uow:
        user = await user_for(uow, caller, user_id)
        return user, [p.organisation_id for p in await uow.user_profiles.of_user(user_id)]
