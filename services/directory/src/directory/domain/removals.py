"""What still holds an organisation or a territory, and the refusal that names it."""

from collections.abc import Mapping

from directory.domain.errors import Conflict

_LABELS = {
    "agents": ("agent", "agents"),
    "motifs": ("motif", "motifs"),
    "lieux": ("lieu", "lieux"),
    "usagers": ("usager", "usagers"),
    "rdvs": ("RDV", "RDV"),
    "organisations": ("organisation", "organisations"),
}


def check_nothing_left(what: str, remaining: Mapping[str, int]) -> None:
    """`remaining`: count per kind (keys of `_LABELS`); refuses while any is above zero."""
    parts = [f"{count} {_LABELS[kind][count > 1]}" for kind, count in remaining.items() if count > 0]
    if parts:
        raise Conflict(f"Impossible de supprimer {what} : il reste {', '.join(parts)}")
