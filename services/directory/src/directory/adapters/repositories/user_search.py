"""Usager search in two ranked tiers, each read in name order from an index and stopped at the page.

1. usagers whose last name starts with a word typed (btree range on `last_name_key`);
2. the other usagers having, for every word typed, a word starting with it (`search_terms`).
With one word, the second tier is read only when the first does not fill the page. See the README.
"""

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    any_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.tables import user_profiles, users
from directory.domain.user_search import SearchPage, count_limit, search_words
from directory.domain.users import User

from .base import RowMapper

_ORDER = (users.c.last_name_key, users.c.first_name_key, users.c.id)
_MAPPER = RowMapper(User)


def _normalised(value: str) -> ColumnElement[str]:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(func.directory_unaccent(escaped))


# `||`, not concat() which is only STABLE: the planner must fold the pattern into a constant to
# turn a prefix into an index range. Backslash is LIKE's default escape character.
def _has_word_starting_with(word: str) -> ColumnElement[bool]:
    return users.c.search_terms.like(literal("% ") + _normalised(word) + "%")


def _last_name_starts_with(word: str) -> ColumnElement[bool]:
    return users.c.last_name_key.like(_normalised(word) + "%")


class UserSearch:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(
        self, organisation_ids: list[int] | None, query: str | None, offset: int, limit: int
    ) -> SearchPage[User]:
        # The LIKE prefixes reach the btree only as constants: a generic plan would scan it all.
        await self.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        scope: list[ColumnElement[bool]] = [users.c.deleted_at.is_(None), users.c.anonymised_at.is_(None)]
        if organisation_ids is not None:
            scope.append(
                exists().where(
                    user_profiles.c.user_id == users.c.id,
                    user_profiles.c.organisation_id.in_(organisation_ids),
                )
            )
        words = search_words(query)
        matches = [_has_word_starting_with(word) for word in words]
        starts = or_(false(), *(_last_name_starts_with(word) for word in words))
        wanted, counted = offset + limit, count_limit(offset) + 1
        if len(words) == 1:
            # A last name starting with the word has a word starting with it: no need to test that.
            tiers = [[*scope, starts], [*scope, not_(starts), *matches]]
            order: tuple[Any, ...] = _ORDER
            fetch = wanted
        else:
            # No word: the index order alone. Several words match few usagers, and ranking sorts
            # them all anyway: the ids fetched up to the cap count them in the same query.
            tiers = [[*scope, *matches]]
            order = (case((starts, 0), else_=1), *_ORDER) if words else _ORDER
            fetch = counted
        ids, total = await self._walk(tiers, order, fetch, counted)
        return SearchPage.counted(await self._load(ids[offset:wanted]), total, offset)

    async def _walk(
        self, tiers: list[list[Any]], order: tuple[Any, ...], fetch: int, counted: int
    ) -> tuple[list[int], int]:
        """The first `fetch` ids over the tiers in order, and the matches counted up to `counted`.

        A tier read to its end, or past `counted`, is counted by what was read; only the others
        are counted apart (for "dup" that is an index-only range scan over the btree)."""
        ids: list[int] = []
        total = 0
        for where in tiers:
            asked = fetch - len(ids)
            found = await self._ordered_ids(where, order, asked) if asked > 0 else []
            ids += found
            if asked > 0 and (len(found) < asked or len(found) >= counted - total):
                total += len(found)
            elif total < counted:
                total += await self._count(where, counted - total)
        return ids, min(total, counted)

    async def _ordered_ids(self, where: list[Any], order: tuple[Any, ...], limit: int) -> list[int]:
        """Only columns of `ix_users_live_name_keys`, so PostgreSQL can read the index alone."""
        query = select(users.c.id).where(and_(*where)).order_by(*order).limit(limit)
        return list((await self.session.execute(query)).scalars())

    async def _load(self, ids: list[int]) -> list[User]:
        rows = (
            await self.session.execute(select(users).where(users.c.id == any_(literal(ids, ARRAY(Integer)))))
        ).mappings()
        by_id = {row["id"]: _MAPPER.to_entity(row) for row in rows}
        return [by_id[user_id] for user_id in ids]

    async def _count(self, where: list[Any], limit: int) -> int:
        matching = select(users.c.id).where(and_(*where)).limit(limit).subquery()
        return int((await self.session.execute(select(func.count()).select_from(matching))).scalar_one())
