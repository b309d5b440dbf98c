"""Token issuing: used by the directory service, and by tests of every service."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: PrivateKey
    algorithm: str = "RS256"

    def jwk_public(self) -> dict[str, Any]:
        public_key = self.private_key.public_key()
        jwk = (
            RSAAlgorithm.to_jwk(public_key, as_dict=True)
            if isinstance(public_key, rsa.RSAPublicKey)
            else ECAlgorithm.to_jwk(public_key, as_dict=True)
        )
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def private_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def generate_rsa_key(kid: str, key_size: int = 2048) -> SigningKey:
    return SigningKey(kid, rsa.generate_private_key(public_exponent=65537, key_size=key_size), "RS256")


def generate_ec_key(kid: str) -> SigningKey:
    return SigningKey(kid, ec.generate_private_key(ec.SECP256R1()), "ES256")


def load_signing_key(kid: str, pem: bytes | str) -> SigningKey:
    data = pem.encode() if isinstance(pem, str) else pem
    private_key = serialization.load_pem_private_key(data, password=None)
    if isinstance(private_key, rsa.RSAPrivateKey):
        return SigningKey(kid, private_key, "RS256")
    if isinstance(private_key, ec.EllipticCurvePrivateKey) and isinstance(private_key.curve, ec.SECP256R1):
        return SigningKey(kid, private_key, "ES256")
    raise ValueError("signing keys must be RSA or EC P-256")


def sign(
    claims: Mapping[str, Any],
    key: SigningKey,
    issuer: str,
    audience: str | list[str],
    ttl_seconds: int,
    now: datetime | None = None,
) -> str:
    issued_at = now or datetime.now(UTC)
    payload = {
        "jti": uuid.uuid4().hex,
        **claims,
        "iss": issuer,
        "aud": audience,
        "iat": issued_at,
        "exp": issued_at + timedelta(seconds=ttl_seconds),
    }
    return jwt.encode(payload, key.private_key, algorithm=key.algorithm, headers={"kid": key.kid})


def jwks_document(keys: Iterable[SigningKey]) -> dict[str, list[dict[str, Any]]]:
    return {"keys": [key.jwk_public() for key in keys]}
