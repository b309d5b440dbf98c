from directory.adapters.repositories.user_search import _ORDER, _last_name_starts_with
from directory.adapters.tables import users
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql

from .conftest import Directory

Row = tuple[str, str, str | None]
INSERT_USERS = text(
    "INSERT INTO users (first_name, last_name, email) SELECT * FROM "
    "unnest(CAST(:first AS text[]), CAST(:last AS text[]), CAST(:email AS text[])) RETURNING id"
)
INSERT_PROFILES = text(
    "INSERT INTO user_profiles (user_id, organisation_id) SELECT unnest(CAST(:ids AS int[])), :org"
)


async def add_users(world: Directory, organisation: str, rows: list[Row]) -> list[int]:
    """(first name, last name, e-mail) straight into the tables: hundreds of usagers in one statement."""
    columns = {"first": [r[0] for r in rows], "last": [r[1] for r in rows], "email": [r[2] for r in rows]}
    async with world.database.engine.begin() as conn:
        ids = list((await conn.execute(INSERT_USERS, columns)).scalars())
        await conn.execute(INSERT_PROFILES, {"ids": ids, "org": world.ids[organisation]})
    return ids


async def search(world: Directory, query: str, page: int = 1) -> dict:
    response = await world.client.get(
        f"/api/v1/organisations/{world.ids['org_a']}/users",
        params={"search": query, "page": page},
        headers=world.as_("basic"),
    )
    assert response.status_code == 200, response.text
    return response.json()


def names(found: dict) -> list[str]:
    return [f"{u['first_name']} {u['last_name']}" for u in found["users"]]


async def test_last_names_starting_with_the_word_come_first_then_other_matches_by_last_name(
    world: Directory,
):
    await add_users(
        world,
        "org_a",
        [
            ("Zoé", "Martinez", None),
            ("Martine", "Abel", None),
            ("Paul", "Durand", "martin.paul@exemple.fr"),
            ("Anne", "Martin", None),
            ("Luc", "Bernard-Martin", None),
            ("Marc", "Amartin", None),
        ],
    )
    found = await search(world, "martin")
    assert names(found) == [
        "Anne Martin",
        "Zoé Martinez",
        "Martine Abel",
        "Luc Bernard-Martin",
        "Paul Durand",
    ]
    assert found["meta"]["total_count"] == 5 and found["meta"]["total_count_is_exact"] is True


async def test_several_words_rank_last_names_first_and_must_all_match(world: Directory):
    await add_users(
        world,
        "org_a",
        [
            ("Hélène", "Adam", "dupuis@exemple.fr"),
            ("Hélène", "Dupont", None),
            ("Dupont", "Hélène", None),
            ("Hélène", "Durand", None),
        ],
    )
    assert names(await search(world, "hel dup")) == ["Hélène Dupont", "Dupont Hélène", "Hélène Adam"]


async def test_names_are_split_at_hyphens_and_apostrophes(world: Directory):
    await add_users(world, "org_a", [("Awa", "N'Diaye", None), ("Jean", "Lefèvre-Bégué", None)])
    assert names(await search(world, "diaye")) == ["Awa N'Diaye"]
    assert names(await search(world, "begue")) == ["Jean Lefèvre-Bégué"]
    assert names(await search(world, "lefevre-beg")) == ["Jean Lefèvre-Bégué"]


async def test_like_wildcards_typed_are_taken_literally(world: Directory):
    await add_users(world, "org_a", [("Jean", "Dupont", None)])
    assert (await search(world, "d_pont"))["users"] == []


async def test_usagers_of_other_organisations_and_removed_ones_are_not_found(world: Directory):
    await add_users(world, "org_b", [("Jean", "Voisin", None)])
    gone, anonymous = await add_users(world, "org_a", [("Jean", "Parti", None), ("Jean", "Anonyme", None)])
    async with world.database.engine.begin() as conn:
        await conn.execute(text("UPDATE users SET deleted_at = now() WHERE id = :id"), {"id": gone})
        await conn.execute(text("UPDATE users SET anonymised_at = now() WHERE id = :id"), {"id": anonymous})
    assert (await search(world, "jean"))["users"] == []


async def test_pages_continue_from_the_first_tier_into_the_second(world: Directory):
    await add_users(world, "org_a", [(f"Jean{n:03d}", "Durand", None) for n in range(60)])
    await add_users(world, "org_a", [("Durand", f"Martin{n:03d}", None) for n in range(60)])
    first, second = await search(world, "durand"), await search(world, "durand", page=2)
    assert [u["last_name"] for u in first["users"]] == ["Durand"] * 60 + [f"Martin{n:03d}" for n in range(40)]
    assert [u["last_name"] for u in second["users"]] == [f"Martin{n:03d}" for n in range(40, 60)]
    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 120
    assert (first["meta"]["next_page"], second["meta"]["next_page"]) == (2, None)


async def test_beyond_a_thousand_matches_the_total_is_a_lower_bound_and_pages_go_on(world: Directory):
    await add_users(world, "org_a", [(f"Jean{n:04d}", "Dupont", None) for n in range(1050)])
    first = await search(world, "dup")
    assert first["meta"]["total_count"] == 1000 and first["meta"]["total_count_is_exact"] is False
    assert first["meta"]["next_page"] == 2 and len(first["users"]) == 100
    second = await search(world, "dup", page=2)
    assert second["meta"]["total_count"] == 1050 and second["meta"]["total_count_is_exact"] is True
    listed = await search(world, "")
    assert listed["meta"]["total_count"] == 1000 and listed["meta"]["total_count_is_exact"] is False
    assert [u["first_name"] for u in listed["users"]][:2] == ["Jean0000", "Jean0001"]


async def test_a_last_name_prefix_is_read_as_a_range_of_the_name_index(world: Directory):
    """Fails when the pattern cannot be folded into a constant (e.g. built with concat())."""
    query = (
        select(users.c.id)
        .where(users.c.deleted_at.is_(None), users.c.anonymised_at.is_(None), _last_name_starts_with("Dup"))
        .order_by(*_ORDER)
        .limit(100)
    )
    sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    async with world.database.sessions() as session:
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join((await session.execute(text(f"EXPLAIN {sql}"))).scalars())
    assert "ix_users_live_name_keys" in plan
    assert "Index Cond: ((last_name_key >= 'dup'::text) AND (last_name_key < 'duq'::text))" in plan
