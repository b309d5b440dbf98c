from collections.abc import Mapping
from typing import Any

import jwt

from rdv_chassis.auth.jwks import ACCEPTED_ALGORITHMS, JwksClient
from rdv_chassis.auth.principal import Principal, PrincipalKind
from rdv_chassis.errors import NotAuthenticated

__all__ = ["JwksClient", "Principal", "PrincipalKind", "TokenVerifier"]

_REASONS: Mapping[type[jwt.PyJWTError], str] = {
    jwt.ExpiredSignatureError: "token expired",
    jwt.ImmatureSignatureError: "token not yet valid",
    jwt.InvalidSignatureError: "token signature is invalid",
    jwt.InvalidIssuerError: "token issuer is not accepted",
    jwt.InvalidAudienceError: "token audience is not accepted",
    jwt.InvalidAlgorithmError: "token algorithm does not match its key",
    jwt.DecodeError: "token is malformed",
}


class TokenVerifier:
    def __init__(self, jwks: JwksClient, issuer: str, audience: str, leeway_seconds: float = 30) -> None:
        self._jwks = jwks
        self._issuer = issuer
        self._audience = audience
        self._leeway = leeway_seconds

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise NotAuthenticated("token is malformed") from None
        if header.get("alg") not in ACCEPTED_ALGORITHMS:
            raise NotAuthenticated("token algorithm is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise NotAuthenticated("token has no key id")
        key = await self._jwks.get_key(kid)
        return Principal.from_claims(self._decode(token, key))

    def _decode(self, token: str, key: jwt.PyJWK) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[key.algorithm_name],
                issuer=self._issuer,
                audience=self._audience,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.MissingRequiredClaimError as exc:
            raise NotAuthenticated(f"token has no {exc.claim!r} claim") from None
        except jwt.PyJWTError as exc:
            reason = next(
                (text for cls, text in _REASONS.items() if isinstance(exc, cls)), "token is invalid"
            )
            raise NotAuthenticated(reason) from None
        return claims
