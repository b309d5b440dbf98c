"""Usagers of an organisation, searched by name, e-mail or phone.

- Case- and accent-insensitive; each word typed must start a word of the name, e-mail or phone
  number ("dup" finds "Dupont" and "h.dupont@…", "hel" finds "Hélène"); a phone can be typed with
  spaces or +33.
- Usagers whose last name starts with a word typed come first, then the other matches; each group
  by last name, then first name. 100 per page.
- `meta.total_count` is exact up to 1,000 matches past the page's first row; beyond that it is a
  lower bound and `meta.total_count_is_exact` is false (refine the search to see the rest).
- Only members of the organisation (or admins of its territory) search it. When its territory makes
  usagers visible throughout the territory (reference §1.1), the search covers the usagers of
  every organisation of the territory.
"""

from directory.application.access import organisation_for, users_visible_throughout
from directory.application.context import Context
from directory.domain.caller import Caller
from directory.domain.user_search import SearchPage
from directory.domain.users import User


async def search_users(
    ctx: Context, caller: Caller, organisation_id: int, query: str | None, offset: int, limit: int
) -> SearchPage[User]:
    async with ctx.uow() as uow:
        organisation = await organisation_for(uow, caller, organisation_id)
        scope = [organisation_id]
        if await users_visible_throughout(uow, organisation.territory_id):
            scope = [o.id for o in await uow.organisations.in_territory(organisation.territory_id)]
        return await uow.user_search.search(scope, query, offset, limit)
