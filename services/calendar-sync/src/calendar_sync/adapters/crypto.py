"""Secrets at rest (OAuth tokens, CalDAV passwords, webhook secrets): Fernet, key from the settings."""

import json
from typing import Any

from cryptography.fernet import Fernet


class SecretBox:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, value: str) -> bytes:
        return self._fernet.encrypt(value.encode())

    def open(self, sealed: bytes) -> str:
        return self._fernet.decrypt(sealed).decode()

    def seal_json(self, value: dict[str, Any]) -> bytes:
        return self.seal(json.dumps(value))

    def open_json(self, sealed: bytes) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.open(sealed))
        return loaded
