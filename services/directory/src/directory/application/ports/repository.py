"""What every repository of an entity with an id offers. Repositories never commit."""

from typing import Protocol, TypeVar

E = TypeVar("E")


class Repository(Protocol[E]):
    async def get(self, entity_id: int, *, for_update: bool = False) -> E | None: ...

    async def add(self, entity: E) -> E:
        """The entity as stored: with its id, version and defaults."""

    async def save(self, entity: E) -> E:
        """The entity as stored, its version increased."""

    async def remove(self, entity_id: int) -> None: ...
