"""Usagers of an organisation, searched by name, e-mail or phone.

- Case- and accent-insensitive; each word typed must start a word of the name, e-mail or phone
  number ("dup" finds "Dupont", "hel" finds "Hélène"); a phone can be typed with spaces or +33.
- Best matches first, then by last name; 100 per page.
- Only members of the organisation (or admins of its territory) search it.
"""

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.domain.caller import Caller
from directory.domain.users import User


async def search_users(
    ctx: Context, caller: Caller, organisation_id: int, query: str | None, offset: int, limit: int
) -> tuple[list[User], int]:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id)
        return await uow.users.search([organisation_id], query, offset, limit)
