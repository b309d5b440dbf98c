"""Teams (équipes) of a territory."""

from fastapi import APIRouter, status
from pydantic import BaseModel, Field
from rdv_contracts import directory as dr

from directory.application import teams
from directory.entrypoints.http.deps import CallerDep, Ctx, PageDep
from directory.entrypoints.http.schemas import Meta, Strict, as_contract, doc

router = APIRouter(tags=["équipes"])


class TeamFields(Strict):
    name: str | None = Field(default=None, max_length=200, examples=["Équipe PMI Arras"])
    agent_ids: list[int] | None = Field(default=None, examples=[[5, 8]])


class NewTeam(TeamFields):
    name: str = Field(max_length=200, examples=["Équipe PMI Arras"])


class TeamOut(BaseModel):
    team: dr.Team


class TeamsOut(BaseModel):
    teams: list[dr.Team]
    meta: Meta


@router.get("/api/v1/territories/{territory_id}/teams", description=doc(teams.list_teams))
async def list_teams(territory_id: int, ctx: Ctx, caller: CallerDep, page: PageDep) -> TeamsOut:
    found, total = await teams.list_teams(ctx, caller, territory_id, page.offset, page.limit)
    return TeamsOut(teams=[as_contract(dr.Team, t) for t in found], meta=Meta(**page.meta(total)))


@router.post("/api/v1/territories/{territory_id}/teams", status_code=status.HTTP_201_CREATED)
async def create_team(territory_id: int, body: NewTeam, ctx: Ctx, caller: CallerDep) -> TeamOut:
    team = await teams.create_team(ctx, caller, territory_id, body.model_dump(exclude_unset=True))
    return TeamOut(team=as_contract(dr.Team, team))


@router.get("/api/v1/teams/{team_id}")
async def get_team(team_id: int, ctx: Ctx, caller: CallerDep) -> TeamOut:
    return TeamOut(team=as_contract(dr.Team, await teams.get_team(ctx, caller, team_id)))


@router.patch("/api/v1/teams/{team_id}")
async def update_team(team_id: int, body: TeamFields, ctx: Ctx, caller: CallerDep) -> TeamOut:
    team = await teams.update_team(ctx, caller, team_id, body.model_dump(exclude_unset=True))
    return TeamOut(team=as_contract(dr.Team, team))


@router.delete("/api/v1/teams/{team_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_team(team_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await teams.delete_team(ctx, caller, team_id)
