"""What the use cases need besides storage: time, password hashing, signing, limits, encryption."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

Clock = Callable[[], datetime]


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def burn_time(self, password: str) -> None:
        """Costs what a verification costs, so an unknown e-mail answers as slowly as a wrong password."""


class TokenSigner(Protocol):
    def sign(self, claims: Mapping[str, Any], ttl_seconds: int) -> str: ...


class AttemptLimiter(Protocol):
    async def allowed(self, *keys: str) -> bool:
        """False once any key is over its limit; does not count an attempt."""

    async def count_failure(self, *keys: str) -> None: ...

    async def reset(self, *keys: str) -> None: ...


class SecretBox(Protocol):
    def encrypt(self, plaintext: str) -> bytes: ...

    def decrypt(self, ciphertext: bytes) -> str: ...
