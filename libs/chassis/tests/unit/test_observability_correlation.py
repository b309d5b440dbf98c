import asyncio

from rdv_chassis.observability.correlation import (
    correlation_scope,
    get_correlation_id,
    new_correlation_id,
    reset_correlation_id,
    set_correlation_id,
)


def test_no_correlation_id_outside_a_scope():
    assert get_correlation_id() is None


def test_set_and_reset_restore_the_previous_value():
    token = set_correlation_id("outer")
    inner = set_correlation_id("inner")
    assert get_correlation_id() == "inner"
    reset_correlation_id(inner)
    assert get_correlation_id() == "outer"
    reset_correlation_id(token)
    assert get_correlation_id() is None


def test_scope_uses_the_given_id_then_restores():
    with correlation_scope("from-kafka-header") as correlation_id:
        assert correlation_id == "from-kafka-header"
        assert get_correlation_id() == "from-kafka-header"
    assert get_correlation_id() is None


def test_scope_without_id_creates_a_fresh_one():
    with correlation_scope(None) as first, correlation_scope(None) as second:
        assert len(first) == 32 and int(first, 16) >= 0
        assert first != second
    assert get_correlation_id() is None


def test_new_ids_are_distinct_hex():
    assert len({new_correlation_id() for _ in range(100)}) == 100


async def test_concurrent_tasks_keep_their_own_id():
    async def handle(value: str) -> str | None:
        with correlation_scope(value):
            await asyncio.sleep(0)
            return get_correlation_id()

    assert await asyncio.gather(handle("a"), handle("b")) == ["a", "b"]
