"""Usagers, their profiles in organisations, referents and merges."""

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field
from rdv_contracts import directory as dr

from directory.application import merge_users, referents, search_users, user_profiles, users
from directory.entrypoints.http.deps import CallerDep, Ctx, PageDep
from directory.entrypoints.http.schemas import Meta, Strict, as_contract, doc

router = APIRouter(tags=["users"])


class UserFields(Strict):
    first_name: str | None = Field(default=None, examples=["Hélène"])
    last_name: str | None = Field(default=None, examples=["Dupont"])
    birth_name: str | None = None
    birth_date: date | None = None
    email: str | None = None
    phone_number: str | None = Field(default=None, examples=["06 12 34 56 78"])
    address: str | None = None
    address_details: str | None = None
    post_code: str | None = None
    city_code: str | None = None
    city_name: str | None = None
    caisse_affiliation: dr.CaisseAffiliation | None = None
    affiliation_number: str | None = None
    family_situation: dr.FamilySituation | None = None
    number_of_children: int | None = None
    logement: dr.Logement | None = None
    notes: str | None = None
    case_number: str | None = None
    responsible_id: int | None = None
    notify_by_sms: bool | None = None
    notify_by_email: bool | None = None
    ants_pre_demande_number: str | None = None


class NewUser(UserFields):
    first_name: str
    last_name: str
    organisation_ids: list[int] = Field(min_length=1)
    referent_agent_ids: list[int] = Field(default_factory=list)


class UserOut(BaseModel):
    user: dr.User
    organisation_ids: list[int] = Field(default_factory=list)


class SearchMeta(Meta):
    total_count_is_exact: bool = Field(
        description="False when over 1,000 usagers match past this page: total_count is a lower bound"
    )


class UsersOut(BaseModel):
    users: list[dr.User]
    meta: SearchMeta


class ProfileBody(Strict):
    user_id: int
    organisation_id: int


class ReferentBody(Strict):
    user_id: int
    agent_id: int


class MergeBody(Strict):
    user_id: int = Field(description="The usager kept")
    merged_user_id: int = Field(description="The duplicate, deleted after the merge")
    take_from_merged: list[str] = Field(
        default_factory=list, description="Fields whose value comes from the duplicate"
    )


def _user(user: Any, organisation_ids: list[int]) -> UserOut:
    return UserOut(user=as_contract(dr.User, user), organisation_ids=organisation_ids)


@router.get("/api/v1/organisations/{organisation_id}/users", description=doc(search_users.search_users))
async def list_users(
    organisation_id: int,
    ctx: Ctx,
    caller: CallerDep,
    page: PageDep,
    search: str | None = Query(default=None, max_length=100),
) -> UsersOut:
    found = await search_users.search_users(ctx, caller, organisation_id, search, page.offset, page.limit)
    meta = SearchMeta(**page.meta(found.total_count), total_count_is_exact=found.total_count_is_exact)
    return UsersOut(users=[as_contract(dr.User, u) for u in found.items], meta=meta)


@router.post("/api/v1/users", status_code=status.HTTP_201_CREATED, description=doc(users.create_user))
async def create_user(body: NewUser, ctx: Ctx, caller: CallerDep) -> UserOut:
    values = body.model_dump(exclude_unset=True, exclude={"organisation_ids", "referent_agent_ids"})
    command = users.CreateUser(values, body.organisation_ids, body.referent_agent_ids)
    user = await users.create_user(ctx, caller, command)
    return _user(user, sorted(set(body.organisation_ids)))


@router.get("/api/v1/users/{user_id}")
async def get_user(user_id: int, ctx: Ctx, caller: CallerDep) -> UserOut:
    return _user(*await users.get_user(ctx, caller, user_id))


@router.patch("/api/v1/users/{user_id}", description=doc(users.update_user))
async def patch_user(user_id: int, body: UserFields, ctx: Ctx, caller: CallerDep) -> UserOut:
    await users.update_user(ctx, caller, user_id, body.model_dump(exclude_unset=True))
    return _user(*await users.get_user(ctx, caller, user_id))


@router.post(
    "/api/v1/user_profiles",
    status_code=status.HTTP_201_CREATED,
    description=doc(user_profiles.add_user_profile),
)
async def add_profile(body: ProfileBody, ctx: Ctx, caller: CallerDep) -> dict[str, dr.UserProfile]:
    profile = await user_profiles.add_user_profile(ctx, caller, body.user_id, body.organisation_id)
    return {"user_profile": as_contract(dr.UserProfile, profile)}


@router.delete(
    "/api/v1/user_profiles",
    status_code=status.HTTP_204_NO_CONTENT,
    description=doc(user_profiles.remove_user_profile),
)
async def remove_profile(
    ctx: Ctx, caller: CallerDep, user_id: int = Query(), organisation_id: int = Query()
) -> None:
    await user_profiles.remove_user_profile(ctx, caller, user_id, organisation_id)


@router.post(
    "/api/v1/referent_assignations",
    status_code=status.HTTP_201_CREATED,
    description=doc(referents.assign_referent),
)
async def assign(body: ReferentBody, ctx: Ctx, caller: CallerDep) -> dict[str, dr.ReferentAssignation]:
    referent = await referents.assign_referent(ctx, caller, body.user_id, body.agent_id)
    return {"referent_assignation": as_contract(dr.ReferentAssignation, referent)}


@router.delete("/api/v1/referent_assignations", status_code=status.HTTP_204_NO_CONTENT)
async def unassign(ctx: Ctx, caller: CallerDep, user_id: int = Query(), agent_id: int = Query()) -> None:
    await referents.unassign_referent(ctx, caller, user_id, agent_id)


@router.post("/api/v1/users/merge", description=doc(merge_users.merge_users))
async def merge(body: MergeBody, ctx: Ctx, caller: CallerDep) -> UserOut:
    command = merge_users.MergeUsers(body.user_id, body.merged_user_id, set(body.take_from_merged))
    await merge_users.merge_users(ctx, caller, command)
    return _user(*await users.get_user(ctx, caller, body.user_id))
