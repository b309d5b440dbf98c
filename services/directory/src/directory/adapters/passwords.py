from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError

_DUMMY_PASSWORD = "unknown-account-0"


class Argon2PasswordHasher:
    """argon2id with the library's RFC 9106 "low memory" defaults."""

    def __init__(self, hasher: Argon2 | None = None) -> None:
        self._argon2 = hasher or Argon2()
        self._dummy_hash = self._argon2.hash(_DUMMY_PASSWORD)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def burn_time(self, password: str) -> None:
        self.verify(self._dummy_hash, password)
