import asyncio
import base64
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import pytest
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.signing import (
    SigningKey,
    generate_ec_key,
    generate_rsa_key,
    jwks_document,
    load_signing_key,
    sign,
)
from rdv_chassis.errors import NotAuthenticated, ServiceUnavailable

ISSUER = "https://rdv.test/directory"
AUDIENCE = "rdv-booking"
JWKS_URL = "https://rdv.test/directory/.well-known/jwks.json"

KEY_A = generate_rsa_key("key-a")
KEY_B = generate_rsa_key("key-b")
EC_KEY = generate_ec_key("key-ec")


@dataclass
class FakeIssuer:
    keys: list[SigningKey]
    calls: int = 0
    down: bool = False
    now: float = 1000.0
    extra: list[dict[str, Any]] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        assert str(request.url) == JWKS_URL
        self.calls += 1
        if self.down:
            return httpx.Response(503)
        document = jwks_document(self.keys)
        document["keys"].extend(self.extra)
        return httpx.Response(200, json=document)

    def clock(self) -> float:
        return self.now


@pytest.fixture
def issuer() -> FakeIssuer:
    return FakeIssuer(keys=[KEY_A, EC_KEY])


@pytest.fixture
async def verifier(issuer: FakeIssuer):
    async with httpx.AsyncClient(transport=httpx.MockTransport(issuer.handle)) as http:
        jwks = JwksClient(JWKS_URL, http, clock=issuer.clock)
        yield TokenVerifier(jwks, issuer=ISSUER, audience=AUDIENCE)


def token(key: SigningKey = KEY_A, ttl: int = 300, **overrides: Any) -> str:
    claims = {"sub": "agent:12", "orgs": [{"id": 3, "level": "admin"}]}
    options = {"issuer": ISSUER, "audience": AUDIENCE, **overrides}
    return sign(claims, key, options["issuer"], options["audience"], ttl_seconds=ttl)


async def reason(verifier: TokenVerifier, raw: str) -> str:
    with pytest.raises(NotAuthenticated) as caught:
        await verifier.verify(raw)
    return str(caught.value)


async def test_a_valid_rs256_token_gives_the_principal(verifier):
    principal = await verifier.verify(token())

    assert (principal.kind, principal.id) == ("agent", 12)
    assert principal.admin_organisation_ids == {3}
    assert principal.claims["iss"] == ISSUER


async def test_a_valid_es256_token_is_accepted(verifier):
    assert (await verifier.verify(token(EC_KEY))).subject == "agent:12"


async def test_an_expired_token_is_rejected(verifier):
    assert await reason(verifier, token(ttl=-60)) == "token expired"


async def test_expiry_tolerates_clock_skew_within_the_leeway(verifier):
    assert (await verifier.verify(token(ttl=-10))).id == 12


async def test_a_token_for_another_service_is_rejected(verifier):
    assert await reason(verifier, token(audience="rdv-notifications")) == "token audience is not accepted"


async def test_a_token_from_another_issuer_is_rejected(verifier):
    assert await reason(verifier, token(issuer="https://evil.test")) == "token issuer is not accepted"


async def test_a_tampered_payload_is_rejected(verifier):
    header, _, signature = token().split(".")
    forged = {"sub": "agent:1", "iss": ISSUER, "aud": AUDIENCE, "iat": 1, "exp": 4_000_000_000}
    payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()

    assert await reason(verifier, f"{header}.{payload}.{signature}") == "token signature is invalid"


async def test_a_token_signed_by_another_key_with_a_known_kid_is_rejected(verifier):
    impostor = SigningKey("key-a", generate_rsa_key("other").private_key)

    assert await reason(verifier, token(impostor)) == "token signature is invalid"


@pytest.mark.parametrize("raw", ["", "not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30"])
async def test_malformed_tokens_are_rejected(verifier, raw):
    assert await reason(verifier, raw) == "token is malformed"


async def test_symmetric_and_unsigned_tokens_are_rejected(verifier):
    hs256 = jwt.encode({"sub": "agent:1"}, "a-shared-secret-of-enough-length!", headers={"kid": "key-a"})
    unsigned = jwt.encode({"sub": "agent:1"}, None, algorithm="none", headers={"kid": "key-a"})

    assert await reason(verifier, hs256) == "token algorithm is not accepted"
    assert await reason(verifier, unsigned) == "token algorithm is not accepted"


async def test_a_token_without_kid_or_subject_is_rejected(verifier):
    no_kid = jwt.encode({"sub": "agent:1"}, KEY_A.private_key, algorithm="RS256")
    no_sub = sign({}, KEY_A, ISSUER, AUDIENCE, ttl_seconds=60)

    assert await reason(verifier, no_kid) == "token has no key id"
    assert await reason(verifier, no_sub) == "token has no 'sub' claim"


async def test_unknown_kid_refetches_once_then_accepts_the_rotated_key(verifier, issuer):
    await verifier.verify(token(KEY_A))
    assert issuer.calls == 1

    issuer.keys = [KEY_A, KEY_B]
    issuer.now += 11
    principals = await asyncio.gather(*(verifier.verify(token(KEY_B)) for _ in range(5)))

    assert {principal.id for principal in principals} == {12}
    assert issuer.calls == 2


async def test_unknown_kids_cannot_trigger_more_than_one_fetch_per_ten_seconds(verifier, issuer):
    await verifier.verify(token(KEY_A))
    stranger = generate_rsa_key("key-unknown")

    for _ in range(3):
        assert await reason(verifier, token(stranger)) == "token signed with an unknown key"
    assert issuer.calls == 1

    issuer.now += 10
    assert await reason(verifier, token(stranger)) == "token signed with an unknown key"
    assert issuer.calls == 2


async def test_keys_are_refetched_when_the_cache_expires(verifier, issuer):
    await verifier.verify(token())
    issuer.now += 299
    await verifier.verify(token())
    assert issuer.calls == 1

    issuer.now += 1
    await verifier.verify(token())
    assert issuer.calls == 2


async def test_an_issuer_outage_keeps_the_cached_keys(verifier, issuer):
    await verifier.verify(token())
    issuer.down = True
    issuer.now += 301

    assert (await verifier.verify(token())).id == 12
    assert issuer.calls == 2


async def test_no_keys_ever_fetched_is_unavailable_not_unauthenticated(verifier, issuer):
    issuer.down = True

    with pytest.raises(ServiceUnavailable):
        await verifier.verify(token())


async def test_keys_of_other_algorithms_or_uses_are_ignored(verifier, issuer):
    issuer.keys = []
    issuer.extra = [
        {"kty": "oct", "kid": "key-a", "k": "c2VjcmV0", "alg": "HS256"},
        {**KEY_A.jwk_public(), "use": "enc"},
    ]

    assert await reason(verifier, token()) == "token signed with an unknown key"


def test_signing_keys_round_trip_through_pem():
    for key in (KEY_A, EC_KEY):
        loaded = load_signing_key(key.kid, key.private_pem().decode())
        assert loaded.jwk_public() == key.jwk_public()
        assert loaded.algorithm == key.algorithm


def test_public_jwk_carries_no_private_material():
    jwk = KEY_A.jwk_public()

    assert jwk["kid"] == "key-a" and jwk["alg"] == "RS256" and jwk["use"] == "sig"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & jwk.keys()
    assert "d" not in EC_KEY.jwk_public()
