"""Sign-in and password-reset handlers against in-memory ports: the rules, without a database."""

import json
from datetime import timedelta

import pytest
from directory.application.password_resets import RequestPasswordReset, ResetPassword
from directory.application.refresh_session import RefreshSession, refresh_session
from directory.application.request_agent_password_reset import (
    AGENT_PASSWORD_RESET,
    request_agent_password_reset,
)
from directory.application.reset_agent_password import reset_agent_password
from directory.application.sign_in_agent import SignIn, sign_in_agent
from directory.domain.agents import Agent
from directory.domain.errors import AuthenticationFailed, InvalidField, TooManyAttempts
from directory.domain.memberships import Membership
from directory.domain.tokens import digest

from .fakes import FakeClock, FakeLimiter, MemoryStore, fake_context

PASSWORD = "Mot-de-passe-solide-2026"
NEW_PASSWORD = "Nouveau-mot-de-passe-2027"


@pytest.fixture
def store() -> MemoryStore:
    store = MemoryStore()
    store.agents.rows[1] = Agent(id=1, last_name="Martin", first_name="Anne", email="anne@mairie.example")
    store.agents.password_hashes[1] = f"hashed:{PASSWORD}"
    store.agents.roles[1] = [Membership(organisation_id=10, territory_id=62, access_level="admin")]
    return store


def link_secret(store: MemoryStore) -> str:
    return store.events[-1].payload["url"].split("token=")[1]


async def test_an_unknown_email_gets_no_link_and_commits_nothing(store: MemoryStore):
    ctx = fake_context(store, FakeClock())
    await request_agent_password_reset(ctx, RequestPasswordReset("personne@mairie.example", "1.2.3.4"))
    assert store.events == [] and store.commits == 0 and store.account_tokens.rows == {}


async def test_a_known_agent_gets_a_two_hour_link_of_which_only_the_digest_is_kept(store: MemoryStore):
    clock = FakeClock()
    await request_agent_password_reset(
        fake_context(store, clock), RequestPasswordReset(" Anne@Mairie.example ", "1.2.3.4")
    )
    [event] = store.events
    assert event.event_type == "agent.password_reset_requested" and event.payload["agent_id"] == 1
    secret = link_secret(store)
    [token] = store.account_tokens.rows.values()
    assert token.token_hash == digest(secret) != secret
    assert (token.purpose, token.subject) == (AGENT_PASSWORD_RESET, "agent:1")
    assert token.expires_at == clock.now + timedelta(hours=2)


async def test_requests_over_the_limit_are_refused_whether_the_email_is_known_or_not(store: MemoryStore):
    ctx = fake_context(store, FakeClock(), FakeLimiter(limit=2))
    for email in ("anne@mairie.example", "personne@mairie.example"):
        for n in range(2):
            await request_agent_password_reset(ctx, RequestPasswordReset(email, f"{email}-{n}"))
        with pytest.raises(TooManyAttempts):
            await request_agent_password_reset(ctx, RequestPasswordReset(email, f"{email}-2"))


async def test_a_reset_sets_the_password_spends_the_link_and_ends_every_session(store: MemoryStore):
    clock, limiter = FakeClock(), FakeLimiter()
    ctx = fake_context(store, clock, limiter)
    session = await sign_in_agent(ctx, SignIn("anne@mairie.example", PASSWORD, "1.2.3.4"))
    limiter.count_failure("account:anne@mairie.example")
    await request_agent_password_reset(ctx, RequestPasswordReset("anne@mairie.example", "1.2.3.4"))
    secret = link_secret(store)

    await reset_agent_password(ctx, ResetPassword(secret, NEW_PASSWORD))

    assert store.agents.password_hashes[1] == f"hashed:{NEW_PASSWORD}"
    assert all(t.revoked_at == clock.now for t in store.refresh_tokens.rows.values())
    assert limiter.failures["account:anne@mairie.example"] == 0
    with pytest.raises(InvalidField) as reused:
        await reset_agent_password(ctx, ResetPassword(secret, NEW_PASSWORD))
    assert reused.value.field == "token"
    with pytest.raises(AuthenticationFailed):
        await refresh_session(ctx, RefreshSession(session.refresh_token or ""))


async def test_an_expired_link_or_a_weak_password_changes_nothing(store: MemoryStore):
    clock = FakeClock()
    ctx = fake_context(store, clock)
    await request_agent_password_reset(ctx, RequestPasswordReset("anne@mairie.example", "1.2.3.4"))
    secret = link_secret(store)
    with pytest.raises(InvalidField) as weak:
        await reset_agent_password(ctx, ResetPassword(secret, "court"))
    assert weak.value.field == "password"
    clock.now += timedelta(hours=2, seconds=1)
    with pytest.raises(InvalidField):
        await reset_agent_password(ctx, ResetPassword(secret, NEW_PASSWORD))
    assert store.agents.password_hashes[1] == f"hashed:{PASSWORD}"


async def test_unknown_email_and_wrong_password_fail_alike_and_both_count(store: MemoryStore):
    limiter = FakeLimiter()
    ctx = fake_context(store, FakeClock(), limiter)
    for email, password in (("personne@mairie.example", PASSWORD), ("anne@mairie.example", "Faux-2026-x!")):
        with pytest.raises(AuthenticationFailed) as failed:
            await sign_in_agent(ctx, SignIn(email, password, "1.2.3.4"))
        assert str(failed.value) == "E-mail ou mot de passe incorrect"
    assert ctx.passwords.burnt == 1  # type: ignore[attr-defined]
    assert limiter.failures["ip:1.2.3.4"] == 2


async def test_sign_in_gives_the_claims_of_the_conventions(store: MemoryStore):
    session = await sign_in_agent(
        fake_context(store, FakeClock()), SignIn("anne@mairie.example", PASSWORD, "ip")
    )
    claims = json.loads(session.access_token)
    assert claims == {
        "sub": "agent:1",
        "orgs": [{"id": 10, "level": "admin"}],
        "territories": [],
        "services": [],
        "secretariat": False,
    }


async def test_reusing_a_rotated_refresh_token_revokes_its_whole_family(store: MemoryStore):
    ctx = fake_context(store, FakeClock())
    first = await sign_in_agent(ctx, SignIn("anne@mairie.example", PASSWORD, "ip"))
    second = await refresh_session(ctx, RefreshSession(first.refresh_token or ""))
    with pytest.raises(AuthenticationFailed):
        await refresh_session(ctx, RefreshSession(first.refresh_token or ""))
    with pytest.raises(AuthenticationFailed):
        await refresh_session(ctx, RefreshSession(second.refresh_token or ""))
