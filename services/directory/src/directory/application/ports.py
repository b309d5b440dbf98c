"""What the use cases need from the outside world."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # The repositories' types come from the adapter's unit of work: duplicating their sixteen
    # interfaces as Protocols would add a second copy of every query signature to keep in step.
    from directory.adapters.unit_of_work import DirectoryUnitOfWork as UnitOfWork
else:
    UnitOfWork = Any

__all__ = ["AttemptLimiter", "Clock", "PasswordHasher", "SecretBox", "TokenSigner", "UnitOfWork"]

Clock = Callable[[], datetime]
UnitOfWorkFactory = Callable[[], "UnitOfWork"]


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def burn_time(self, password: str) -> None:
        """Costs what a verification costs, so an unknown e-mail answers as slowly as a wrong password."""


class TokenSigner(Protocol):
    def sign(self, claims: Mapping[str, Any], ttl_seconds: int) -> str: ...


class AttemptLimiter(Protocol):
    def allowed(self, *keys: str) -> bool:
        """False once any key is over its limit; does not count an attempt."""

    def count_failure(self, *keys: str) -> None: ...

    def reset(self, *keys: str) -> None: ...


class SecretBox(Protocol):
    def encrypt(self, plaintext: str) -> bytes: ...

    def decrypt(self, ciphertext: bytes) -> str: ...
