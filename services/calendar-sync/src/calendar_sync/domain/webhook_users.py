"""Where a webhook `data` shows usagers, by model (reference §6.4 shapes): found to record which
usagers a delivery holds, and replaced when one of them is erased or merged into another."""

from collections.abc import Mapping
from typing import Any

Data = dict[str, Any]


def user_ids_in(model: str, data: Data) -> list[int]:
    return sorted({int(user["id"]) for user in _users(model, data) if user.get("id") is not None})


def with_users_replaced(model: str, data: Data, replacements: Mapping[int, Data]) -> Data:
    """`data` where every usager of `replacements` shows its replacement instead."""

    def swap(user: Any) -> Any:
        if isinstance(user, dict) and user.get("id") in replacements:
            return replacements[user["id"]]
        return user

    if model == "user":
        return swap(data)
    if model in ("user_profile", "referent_assignation"):
        return data | {"user": swap(data.get("user"))}
    if model == "rdv":
        return data | {
            "users": [swap(user) for user in data.get("users") or []],
            "participations": [
                participation | {"user": swap(participation.get("user"))}
                for participation in data.get("participations") or []
            ],
        }
    return data


def _users(model: str, data: Data) -> list[Data]:
    if model == "user":
        return [data]
    if model in ("user_profile", "referent_assignation"):
        return [data["user"]] if isinstance(data.get("user"), dict) else []
    if model == "rdv":
        users = [*(data.get("users") or [])]
        users += [p["user"] for p in data.get("participations") or [] if isinstance(p.get("user"), dict)]
        return users
    return []
