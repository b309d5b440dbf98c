from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI, Request
from rdv_chassis.auth.dependencies import optional_principal, principal_dependency
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal
from rdv_chassis.auth.signing import generate_ec_key, jwks_document, sign
from rdv_chassis.errors import install_error_handlers

KEY = generate_ec_key("key-1")
ISSUER, AUDIENCE = "https://rdv.test/directory", "rdv-booking"


def get_verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.verifier
    return verifier


CurrentPrincipal = Annotated[Principal, Depends(principal_dependency(get_verifier))]
MaybePrincipal = Annotated[Principal | None, Depends(optional_principal(get_verifier))]


@pytest.fixture
async def client():
    app = FastAPI()
    install_error_handlers(app, {})

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"subject": principal.subject}

    @app.get("/public")
    async def public(principal: MaybePrincipal) -> dict[str, str | None]:
        return {"subject": principal.subject if principal else None}

    transport = httpx.MockTransport(lambda _: httpx.Response(200, json=jwks_document([KEY])))
    async with (
        httpx.AsyncClient(transport=transport) as jwks_http,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
    ):
        app.state.verifier = TokenVerifier(JwksClient("https://rdv.test/jwks", jwks_http), ISSUER, AUDIENCE)
        yield client


def bearer(ttl: int = 300) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign({'sub': 'user:40'}, KEY, ISSUER, AUDIENCE, ttl)}"}


async def test_a_valid_bearer_token_identifies_the_caller(client):
    assert (await client.get("/me", headers=bearer())).json() == {"subject": "user:40"}


@pytest.mark.parametrize("authorization", [None, "Basic dXNlcjpwYXNz", "Bearer"])
async def test_missing_bearer_token_is_401_with_a_challenge(client, authorization):
    response = await client.get("/me", headers={"Authorization": authorization} if authorization else {})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error_messages"] == ["missing bearer token"]


async def test_an_expired_token_is_401_with_its_reason(client):
    response = await client.get("/me", headers=bearer(ttl=-120))

    assert response.status_code == 401
    assert response.json()["error_messages"] == ["token expired"]


async def test_optional_principal_is_none_without_a_token(client):
    assert (await client.get("/public")).json() == {"subject": None}
    assert (await client.get("/public", headers=bearer())).json() == {"subject": "user:40"}


async def test_optional_principal_still_rejects_a_bad_token(client):
    response = await client.get("/public", headers=bearer(ttl=-120))

    assert response.status_code == 401
