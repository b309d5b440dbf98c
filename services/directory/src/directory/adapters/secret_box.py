"""Symmetric encryption of stored third-party credentials (territories' SMS providers)."""

import os
from pathlib import Path

from cryptography.fernet import Fernet

KEY_FILE = "secrets.fernet"


def load_or_create_fernet_key(key: str | None, key_dir: Path) -> str:
    if key:
        return key
    path = key_dir / KEY_FILE
    if not path.exists():
        key_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
    return path.read_text().strip()


class FernetBox:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def encrypt(self, plaintext: str) -> bytes:
        return self._fernet.encrypt(plaintext.encode())

    def decrypt(self, ciphertext: bytes) -> str:
        return self._fernet.decrypt(ciphertext).decode()
