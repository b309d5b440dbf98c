"""The RS256 key directory signs access tokens with, and its JWKS.

Production takes the PEM from settings. Development and tests generate one once and keep it in a
file, so the API, the worker and restarts sign with the same key.
"""

import hashlib
import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.signing import SigningKey, generate_rsa_key, jwks_document, load_signing_key, sign
from rdv_chassis.errors import NotAuthenticated

KEY_FILE = "jwt-signing-key.pem"


def key_id(key: SigningKey) -> str:
    public = key.private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(public).hexdigest()[:16]


def load_or_create_key(pem: str | None, key_dir: Path) -> SigningKey:
    if pem:
        loaded = load_signing_key("pending", pem)
        return SigningKey(key_id(loaded), loaded.private_key, loaded.algorithm)
    path = key_dir / KEY_FILE
    if not path.exists():
        key_dir.mkdir(parents=True, exist_ok=True)
        fresh = generate_rsa_key("pending")
        try:
            # O_EXCL: when the API and the worker start together, one writes and both read it.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(fresh.private_pem())
    return load_or_create_key(path.read_text(), key_dir)


class JwtSigner:
    def __init__(
        self, key: SigningKey, issuer: str, audience: str, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.key = key
        self._issuer = issuer
        self._audience = audience
        self._clock = clock

    def sign(self, claims: Mapping[str, Any], ttl_seconds: int) -> str:
        now = self._clock() if self._clock else None
        return sign(claims, self.key, self._issuer, self._audience, ttl_seconds, now=now)

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        return jwks_document([self.key])


class OwnKeys(JwksClient):
    """The directory verifies its own tokens with the key it holds, without fetching its own JWKS."""

    def __init__(self, keys: list[SigningKey]) -> None:
        self._own = {key.kid: jwt.PyJWK(key.jwk_public()) for key in keys}

    async def get_key(self, kid: str) -> jwt.PyJWK:
        try:
            return self._own[kid]
        except KeyError:
            raise NotAuthenticated("token signed with an unknown key") from None
