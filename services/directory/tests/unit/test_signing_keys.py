from pathlib import Path

import jwt
import pytest
from directory.adapters.signing_keys import JwtSigner, load_or_create_key
from directory.config import DirectorySettings
from pydantic import ValidationError


def test_generated_key_is_kept_so_every_process_signs_with_the_same_one(tmp_path: Path):
    first, second = load_or_create_key(None, tmp_path), load_or_create_key(None, tmp_path)
    assert first.kid == second.kid and first.private_pem() == second.private_pem()
    assert (tmp_path / "jwt-signing-key.pem").stat().st_mode & 0o077 == 0


def test_a_configured_key_wins_and_signs_rs256(tmp_path: Path):
    pem = load_or_create_key(None, tmp_path / "other").private_pem().decode()
    key = load_or_create_key(pem, tmp_path)
    token = JwtSigner(key, "rdv-directory", "rdv-platform").sign({"sub": "agent:1"}, 900)
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "kid": key.kid, "typ": "JWT"}
    assert not (tmp_path / "jwt-signing-key.pem").exists()


def test_production_refuses_to_start_without_keys():
    with pytest.raises(ValidationError):
        DirectorySettings(environment="production", database_url="postgresql+asyncpg://x/y")
