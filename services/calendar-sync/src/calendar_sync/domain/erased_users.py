"""What webhooks show of an usager who was deleted or anonymised (product decisions, "Data protection";
GDPR art. 17): who they were (their id) and that they were erased, nothing personal."""

from collections.abc import Mapping
from typing import Any

from rdv_contracts.directory import User

ERASED_NAME = "Usager supprimé"

State = Mapping[str, Any]


def is_erased(user: State) -> bool:
    return user.get("anonymised_at") is not None or user.get("deleted_at") is not None


def erased_user_data(user_id: int, state: State | None = None) -> dict[str, Any]:
    """Every field of the user shape, personal ones blank; the erasure dates kept from `state`."""
    known = state or {}
    return dict.fromkeys(User.model_fields) | {
        "id": user_id,
        "first_name": ERASED_NAME,
        "last_name": ERASED_NAME,
        "notify_by_sms": False,
        "notify_by_email": False,
        "created_through": known.get("created_through"),
        "responsible_id": known.get("responsible_id"),
        "deleted_at": known.get("deleted_at"),
        "anonymised_at": known.get("anonymised_at"),
        "version": known.get("version"),
    }
