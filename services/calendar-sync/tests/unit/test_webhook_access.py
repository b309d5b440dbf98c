"""Who manages an organisation's webhooks, against in-memory copies (the use case sees only ports)."""

from typing import Any

import pytest
from calendar_sync.application.webhook_access import ensure_may_manage_webhooks
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed, NotFound


class InMemoryCopies:
    def __init__(self, *states: tuple[str, dict[str, Any]]) -> None:
        self._states = states

    async def get(self, model: str, entity_id: int | None) -> dict[str, Any] | None:
        return next((s for m, s in self._states if m == model and s["id"] == entity_id), None)

    async def where_in(self, model: str, key: str, values: list[int]) -> list[dict[str, Any]]:
        return [s for m, s in self._states if m == model and s[key] in values]


class InMemoryStores:
    def __init__(self, copies: InMemoryCopies) -> None:
        self.copies = copies


STORES = InMemoryStores(
    InMemoryCopies(
        ("organisation", {"id": 10, "territory_id": 1}),
        ("organisation", {"id": 20, "territory_id": 2}),
        ("agent_territorial_role", {"id": 5, "agent_id": 7, "territory_id": 1}),
    )
)


async def test_an_organisation_admin_and_an_api_token_manage_its_webhooks():
    await ensure_may_manage_webhooks(STORES, Caller("agent", 1, {10: "admin"}), 10)
    await ensure_may_manage_webhooks(STORES, Caller("api_token", 2, {10: "admin"}), 10)


async def test_a_territory_admin_manages_the_organisations_of_their_territory_only():
    territory_admin = Caller("agent", 7)
    await ensure_may_manage_webhooks(STORES, territory_admin, 10)
    with pytest.raises(NotFound):
        await ensure_may_manage_webhooks(STORES, territory_admin, 20)


async def test_a_basic_member_is_refused_and_a_stranger_does_not_see_the_organisation():
    with pytest.raises(NotAllowed):
        await ensure_may_manage_webhooks(STORES, Caller("agent", 3, {10: "basic"}), 10)
    with pytest.raises(NotFound):
        await ensure_may_manage_webhooks(STORES, Caller("agent", 3, {20: "admin"}), 10)
