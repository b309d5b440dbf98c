"""Whom a signed-in usager may book for on the confirmation page: themselves, then their relatives.

Rules: those of `book_rdv` (oneself or one of one's relatives), read from booking's copy of the usagers.
"""

from dataclasses import dataclass

from booking.application.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class FamilyMember:
    user_id: int
    name: str


async def family_of(uow_factory: UnitOfWorkFactory, user_id: int) -> list[FamilyMember]:
    async with uow_factory() as uow:
        people = [await uow.directory.user(user_id), *await uow.directory.relatives(user_id)]
    members = [FamilyMember(u.id, f"{u.first_name} {u.last_name}".strip()) for u in people if u is not None]
    return members or [FamilyMember(user_id, "Moi")]
