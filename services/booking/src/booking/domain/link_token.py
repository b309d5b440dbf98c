"""The token of a participation link (docs/conventions.md, "Links in e-mails and SMS").

Derived, never stored nor transported: notifications computes the same value from the same secret
to write `/r/<rdv_id>/<token>`, booking recomputes it to check a presented token.
"""

import base64
import hashlib
import hmac

TOKEN_BYTES = 16
"""128 bits (product decisions, "Usager self-service")."""


def participation_token(secret: str, rdv_id: int, participation_id: int) -> str:
    message = f"participation:{rdv_id}:{participation_id}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def matching_participation(
    secret: str, rdv_id: int, participation_ids: list[int], presented: str
) -> int | None:
    """The participation whose token was presented; every candidate is compared in constant time."""
    found = None
    for participation_id in participation_ids:
        expected = participation_token(secret, rdv_id, participation_id)
        if hmac.compare_digest(expected.encode(), presented.encode()):
            found = participation_id
    return found
