"""Every route × role × own/foreign organisation (reference: seeds' FAQ on access rights).

The resources live in organisation A of territory 62. `foreign_admin` is admin of C in another
territory: every resource of A must answer 404 to them, never 403, so ids cannot be probed.
"""

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from directory.application import lieux, motif_categories, motifs, teams, users
from directory.domain.caller import SYSTEM

from .conftest import Directory

ORDER = ("foreign_admin", "secretariat", "basic", "admin", "territory_admin")
counter = itertools.count()

Request = tuple[str, str, dict[str, Any] | None]


@dataclass(frozen=True)
class Row:
    route: tuple[str, str]
    make: Callable[[Directory], Awaitable[Request]]
    expected: dict[str, int]


def expect(ta: int, admin: int, basic: int, secretariat: int, foreign: int = 404) -> dict[str, int]:
    return {
        "territory_admin": ta,
        "admin": admin,
        "basic": basic,
        "secretariat": secretariat,
        "foreign_admin": foreign,
    }


MEMBERS = expect(200, 200, 200, 200)
ADMINS = expect(200, 200, 403, 403)
ADMINS_CREATE = expect(201, 201, 403, 403)
TERRITORY_ADMINS = expect(200, 403, 403, 403)


async def a_motif(world: Directory) -> int:
    values = {"name": f"Motif {next(counter)}", "service_id": world.ids["pmi"]}
    return (await motifs.create_motif(world.ctx, SYSTEM, world.ids["org_a"], values)).id


async def a_lieu(world: Directory) -> int:
    values = {"name": "Annexe", "address": "1 rue de la Paix, Arras", "latitude": 50.29, "longitude": 2.78}
    return (await lieux.create_lieu(world.ctx, SYSTEM, world.ids["org_a"], values)).id


async def a_user(world: Directory) -> int:
    command = users.CreateUser(
        {"first_name": "Jeanne", "last_name": f"Usager{next(counter)}"}, [world.ids["org_a"]]
    )
    return (await users.create_user(world.ctx, SYSTEM, command)).id


def fixed(
    method: str, path: str, body: dict[str, Any] | None = None
) -> Callable[[Directory], Awaitable[Request]]:
    async def make(world: Directory) -> Request:
        return method, path.format(**world.ids), body

    return make


def built(method: str, build: Callable[[Directory], Awaitable[tuple[str, dict[str, Any] | None]]]):
    async def make(world: Directory) -> Request:
        path, body = await build(world)
        return method, path, body

    return make


async def _invite(world: Directory) -> tuple[str, dict[str, Any]]:
    email = f"invite{next(counter)}@rdv.example"
    return "/api/v1/organisations/{}/agents".format(world.ids["org_a"]), {
        "email": email,
        "access_level": "basic",
    }


async def _new_motif(world: Directory) -> tuple[str, dict[str, Any]]:
    body = {"name": f"Nouveau {next(counter)}", "service_id": world.ids["pmi"]}
    return "/api/v1/organisations/{}/motifs".format(world.ids["org_a"]), body


async def _new_org(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/organisations", {"territory_id": world.ids["t62"], "name": f"Org {next(counter)}"}


async def _motif_path(world: Directory) -> tuple[str, None]:
    return f"/api/v1/motifs/{await a_motif(world)}", None


async def _lieu_path(world: Directory) -> tuple[str, None]:
    return f"/api/v1/lieux/{await a_lieu(world)}", None


async def _user_path(world: Directory) -> tuple[str, None]:
    return f"/api/v1/users/{await a_user(world)}", None


def _with_body(build, body: dict[str, Any]):
    async def make(world: Directory) -> tuple[str, dict[str, Any]]:
        path, _ = await build(world)
        return path, body

    return make


async def _bulk(world: Directory) -> tuple[str, dict[str, Any]]:
    body = {"motif_ids": [await a_motif(world)], "changes": {"color": "#112233"}}
    return "/api/v1/territories/{}/motifs".format(world.ids["t62"]), body


async def _duplicate(world: Directory) -> tuple[str, dict[str, Any]]:
    return f"/api/v1/motifs/{await a_motif(world)}/duplicate", {"organisation_id": world.ids["org_b"]}


async def _profile_elsewhere(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/user_profiles", {"user_id": await a_user(world), "organisation_id": world.ids["org_b"]}


async def _remove_profile(world: Directory) -> tuple[str, None]:
    return f"/api/v1/user_profiles?user_id={await a_user(world)}&organisation_id={world.ids['org_a']}", None


async def _referent(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/referent_assignations", {"user_id": await a_user(world), "agent_id": world.ids["basic"]}


async def _unreferent(world: Directory) -> tuple[str, None]:
    user_id = await a_user(world)
    from directory.application.referents import assign_referent

    await assign_referent(world.ctx, SYSTEM, user_id, world.ids["basic"])
    return f"/api/v1/referent_assignations?user_id={user_id}&agent_id={world.ids['basic']}", None


async def _new_user(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/users", {
        "first_name": "Paul",
        "last_name": "Nouveau",
        "organisation_ids": [world.ids["org_a"]],
    }


async def _merge(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/users/merge", {"user_id": await a_user(world), "merged_user_id": await a_user(world)}


async def _remove_agent(world: Directory) -> tuple[str, None]:
    from directory.application.invite_agent import InviteAgent, invite_agent
    from rdv_contracts.directory import AccessLevel

    command = InviteAgent(
        world.ids["org_a"], AccessLevel.BASIC, f"leaving{next(counter)}@rdv.example", None, "Départ"
    )
    agent, _ = await invite_agent(world.ctx, SYSTEM, command)
    return "/api/v1/organisations/{}/agents/{}".format(world.ids["org_a"], agent.id), None


async def _api_token(world: Directory) -> tuple[str, None]:
    from directory.application.create_api_token import CreateApiToken, create_api_token

    token, _ = await create_api_token(world.ctx, SYSTEM, CreateApiToken(world.ids["org_a"], "SI"))
    return f"/api/v1/api_tokens/{token.id}", None


async def a_team(world: Directory) -> int:
    values = {"name": f"Équipe {next(counter)}", "agent_ids": [world.ids["basic"]]}
    return (await teams.create_team(world.ctx, SYSTEM, world.ids["t62"], values)).id


async def _new_team(world: Directory) -> tuple[str, dict[str, Any]]:
    return "/api/v1/territories/{}/teams".format(world.ids["t62"]), {"name": f"Nouvelle {next(counter)}"}


async def _team_path(world: Directory) -> tuple[str, None]:
    return f"/api/v1/teams/{await a_team(world)}", None


async def _new_category(world: Directory) -> tuple[str, dict[str, Any]]:
    n = next(counter)
    body = {"name": f"Catégorie {n}", "short_name": f"categorie_{n}"}
    return "/api/v1/territories/{}/motif_categories".format(world.ids["t62"]), body


async def _category_path(world: Directory) -> tuple[str, None]:
    n = next(counter)
    values = {"name": f"Catégorie {n}", "short_name": f"categorie_{n}"}
    category = await motif_categories.create_motif_category(world.ctx, SYSTEM, world.ids["t62"], values)
    return f"/api/v1/motif_categories/{category.id}", None


async def _empty_organisation(world: Directory) -> tuple[str, None]:
    from directory.application.organisations import CreateOrganisation, create_organisation

    command = CreateOrganisation(world.ids["t62"], {"name": f"Vide {next(counter)}"})
    return f"/api/v1/organisations/{(await create_organisation(world.ctx, SYSTEM, command)).id}", None


LIEU = {"name": "Lieu", "address": "2 rue Haute, Arras", "latitude": 50.2, "longitude": 2.7}

ROWS = [
    Row(
        ("GET", "/api/v1/organisations"),
        fixed("GET", "/api/v1/organisations"),
        expect(200, 200, 200, 200, 200),
    ),
    Row(("POST", "/api/v1/organisations"), built("POST", _new_org), expect(201, 403, 403, 403)),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}"),
        fixed("GET", "/api/v1/organisations/{org_a}"),
        MEMBERS,
    ),
    Row(
        ("PATCH", "/api/v1/organisations/{organisation_id}"),
        fixed("PATCH", "/api/v1/organisations/{org_a}", {"horaires": "9h-12h"}),
        ADMINS,
    ),
    Row(("GET", "/api/v1/territories/{territory_id}"), fixed("GET", "/api/v1/territories/{t62}"), MEMBERS),
    Row(
        ("PATCH", "/api/v1/territories/{territory_id}"),
        fixed("PATCH", "/api/v1/territories/{t62}", {"open_on_sundays": False}),
        TERRITORY_ADMINS,
    ),
    Row(("PATCH", "/api/v1/territories/{territory_id}/motifs"), built("PATCH", _bulk), TERRITORY_ADMINS),
    Row(
        ("POST", "/api/v1/territories/{territory_id}/admins/{agent_id}"),
        fixed("POST", "/api/v1/territories/{t62}/admins/{admin}"),
        expect(201, 403, 403, 403),
    ),
    Row(
        ("DELETE", "/api/v1/territories/{territory_id}/admins/{agent_id}"),
        fixed("DELETE", "/api/v1/territories/{t62}/admins/{basic}"),
        expect(404, 403, 403, 403),
    ),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}/api_tokens"),
        fixed("GET", "/api/v1/organisations/{org_a}/api_tokens"),
        ADMINS,
    ),
    Row(
        ("POST", "/api/v1/organisations/{organisation_id}/api_tokens"),
        fixed("POST", "/api/v1/organisations/{org_a}/api_tokens", {"name": "SI"}),
        ADMINS_CREATE,
    ),
    Row(("DELETE", "/api/v1/api_tokens/{token_id}"), built("DELETE", _api_token), expect(204, 204, 403, 403)),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}/agents"),
        fixed("GET", "/api/v1/organisations/{org_a}/agents"),
        MEMBERS,
    ),
    Row(("POST", "/api/v1/organisations/{organisation_id}/agents"), built("POST", _invite), ADMINS_CREATE),
    Row(("GET", "/api/v1/agents/{agent_id}"), fixed("GET", "/api/v1/agents/{basic}"), MEMBERS),
    Row(
        ("GET", "/api/v1/agents/{agent_id}"),
        fixed("GET", "/api/v1/agents/{colleague_b}"),
        expect(200, 404, 404, 404),
    ),
    Row(
        ("PATCH", "/api/v1/agents/{agent_id}"),
        fixed("PATCH", "/api/v1/agents/{basic}", {"first_name": "Camille"}),
        expect(200, 200, 200, 403),
    ),
    Row(
        ("PATCH", "/api/v1/agents/{agent_id}"),
        fixed("PATCH", "/api/v1/agents/{basic}", {"service_ids": []}),
        expect(200, 403, 403, 403),
    ),
    Row(
        ("PATCH", "/api/v1/organisations/{organisation_id}/agents/{agent_id}"),
        fixed("PATCH", "/api/v1/organisations/{org_a}/agents/{basic}", {"access_level": "basic"}),
        ADMINS,
    ),
    Row(
        ("DELETE", "/api/v1/organisations/{organisation_id}/agents/{agent_id}"),
        built("DELETE", _remove_agent),
        expect(204, 204, 403, 403),
    ),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}/users"),
        fixed("GET", "/api/v1/organisations/{org_a}/users"),
        MEMBERS,
    ),
    Row(("POST", "/api/v1/users"), built("POST", _new_user), expect(201, 201, 201, 201)),
    Row(("GET", "/api/v1/users/{user_id}"), built("GET", _user_path), MEMBERS),
    Row(
        ("PATCH", "/api/v1/users/{user_id}"),
        built("PATCH", _with_body(_user_path, {"city_name": "Arras"})),
        MEMBERS,
    ),
    Row(("POST", "/api/v1/users/merge"), built("POST", _merge), MEMBERS),
    Row(("POST", "/api/v1/user_profiles"), built("POST", _profile_elsewhere), expect(201, 404, 404, 404)),
    Row(("DELETE", "/api/v1/user_profiles"), built("DELETE", _remove_profile), expect(204, 204, 204, 204)),
    Row(("POST", "/api/v1/referent_assignations"), built("POST", _referent), expect(201, 201, 201, 201)),
    Row(
        ("DELETE", "/api/v1/referent_assignations"), built("DELETE", _unreferent), expect(204, 204, 204, 204)
    ),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}/lieux"),
        fixed("GET", "/api/v1/organisations/{org_a}/lieux"),
        MEMBERS,
    ),
    Row(
        ("POST", "/api/v1/organisations/{organisation_id}/lieux"),
        fixed("POST", "/api/v1/organisations/{org_a}/lieux", LIEU),
        ADMINS_CREATE,
    ),
    Row(("GET", "/api/v1/lieux/{lieu_id}"), built("GET", _lieu_path), MEMBERS),
    Row(
        ("PATCH", "/api/v1/lieux/{lieu_id}"),
        built("PATCH", _with_body(_lieu_path, {"name": "Mairie"})),
        ADMINS,
    ),
    Row(("DELETE", "/api/v1/lieux/{lieu_id}"), built("DELETE", _lieu_path), ADMINS),
    Row(
        ("GET", "/api/v1/organisations/{organisation_id}/motifs"),
        fixed("GET", "/api/v1/organisations/{org_a}/motifs"),
        MEMBERS,
    ),
    Row(("POST", "/api/v1/organisations/{organisation_id}/motifs"), built("POST", _new_motif), ADMINS_CREATE),
    Row(("GET", "/api/v1/motifs/{motif_id}"), built("GET", _motif_path), MEMBERS),
    Row(
        ("PATCH", "/api/v1/motifs/{motif_id}"),
        built("PATCH", _with_body(_motif_path, {"color": "#abcdef"})),
        ADMINS,
    ),
    Row(("DELETE", "/api/v1/motifs/{motif_id}"), built("DELETE", _motif_path), expect(204, 204, 403, 403)),
    Row(
        ("POST", "/api/v1/motifs/{motif_id}/duplicate"), built("POST", _duplicate), expect(201, 404, 403, 403)
    ),
    Row(
        ("GET", "/api/v1/territories/{territory_id}/teams"),
        fixed("GET", "/api/v1/territories/{t62}/teams"),
        MEMBERS,
    ),
    Row(
        ("POST", "/api/v1/territories/{territory_id}/teams"),
        built("POST", _new_team),
        expect(201, 403, 403, 403),
    ),
    Row(("GET", "/api/v1/teams/{team_id}"), built("GET", _team_path), MEMBERS),
    Row(
        ("PATCH", "/api/v1/teams/{team_id}"),
        built("PATCH", _with_body(_team_path, {"agent_ids": []})),
        TERRITORY_ADMINS,
    ),
    Row(("DELETE", "/api/v1/teams/{team_id}"), built("DELETE", _team_path), expect(204, 403, 403, 403)),
    Row(
        ("DELETE", "/api/v1/organisations/{organisation_id}"),
        built("DELETE", _empty_organisation),
        expect(204, 403, 403, 403),
    ),
    Row(
        ("DELETE", "/api/v1/territories/{territory_id}"),
        fixed("DELETE", "/api/v1/territories/{t62}"),
        expect(409, 403, 403, 403),
    ),
    Row(
        ("GET", "/api/v1/territories/{territory_id}/motif_categories"),
        fixed("GET", "/api/v1/territories/{t62}/motif_categories"),
        MEMBERS,
    ),
    Row(
        ("POST", "/api/v1/territories/{territory_id}/motif_categories"),
        built("POST", _new_category),
        expect(201, 403, 403, 403),
    ),
    Row(("GET", "/api/v1/motif_categories/{category_id}"), built("GET", _category_path), MEMBERS),
    Row(
        ("PATCH", "/api/v1/motif_categories/{category_id}"),
        built("PATCH", _with_body(_category_path, {"name": "Renommée"})),
        expect(200, 403, 403, 403),
    ),
    Row(
        ("DELETE", "/api/v1/motif_categories/{category_id}"),
        built("DELETE", _category_path),
        expect(204, 403, 403, 403),
    ),
]

PUBLIC = {
    ("GET", "/.well-known/jwks.json"),
    ("POST", "/api/v1/auth/sign_in"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/sign_out"),
    ("POST", "/api/v1/auth/api_token"),
    ("POST", "/api/v1/auth/invitation"),
    ("POST", "/api/v1/user_auth/sign_up"),
    ("POST", "/api/v1/user_auth/confirmation"),
    ("POST", "/api/v1/user_auth/sign_in"),
    ("POST", "/api/v1/auth/password_reset"),
    ("PUT", "/api/v1/auth/password"),
    ("POST", "/api/v1/user_auth/password_reset"),
    ("PUT", "/api/v1/user_auth/password"),
}


def test_the_matrix_covers_every_route(directory: Directory):
    routes = {
        (method.upper(), path)
        for path, operations in directory.app.openapi()["paths"].items()
        if not path.startswith(("/health", "/metrics"))
        for method in operations
    }
    assert routes - PUBLIC == {row.route for row in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.route[0]} {row.route[1]}")
async def test_route_answers_each_role_as_the_faq_says(world: Directory, row: Row):
    answers = {}
    for role in ORDER:
        method, url, body = await row.make(world)
        response = await world.client.request(method, url, json=body, headers=world.as_(role))
        assert response.status_code < 500, response.text
        answers[role] = response.status_code
    assert answers == row.expected
    method, url, body = await row.make(world)
    assert (await world.client.request(method, url, json=body)).status_code == 401
