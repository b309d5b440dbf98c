"""Two records of one usager were merged (directory's `user.merged`; seeds: "Fusionner deux usagers")."""

from collections.abc import Mapping
from typing import Any

State = Mapping[str, Any]


def rdv_with_user_merged(rdv: State, merged_user_id: int, kept_user_id: int) -> dict[str, Any]:
    """As booking moves them: the merged usager's participation becomes the kept one's, or goes when
    the kept usager already takes part in the RDV."""
    participations = list(rdv.get("participations") or [])
    kept_takes_part = any(p.get("user_id") == kept_user_id for p in participations)
    moved = []
    for participation in participations:
        if participation.get("user_id") != merged_user_id:
            moved.append(participation)
        elif not kept_takes_part:
            moved.append({**participation, "user_id": kept_user_id})
    return {**rdv, "participations": moved}
