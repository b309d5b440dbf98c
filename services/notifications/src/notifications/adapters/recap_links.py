"""Links to an RDV's recap: `/r/<rdv id>/<token>`, opened with the last-name check by booking.

The token is 128 bits derived with HMAC-SHA256 from a secret shared with booking, so booking can
store its SHA-256 and check it without any token travelling through Kafka.
"""

import base64
import hashlib
import hmac


def participation_token(secret: str, rdv_id: int, participation_id: int) -> str:
    digest = hmac.new(secret.encode(), f"participation:{rdv_id}:{participation_id}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:16]).decode().rstrip("=")


class HmacRecapLinks:
    def __init__(self, public_base_url: str, secret: str) -> None:
        self._base_url = public_base_url.rstrip("/")
        self._secret = secret

    def participation_url(self, rdv_id: int, participation_id: int) -> str:
        return f"{self._base_url}/r/{rdv_id}/{participation_token(self._secret, rdv_id, participation_id)}"
