"""The booking journey's state, carried in the query string like the reference's `/prendre_rdv` search."""

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode

STEPS = ("Motif", "Lieu", "Créneau", "Identification", "Confirmation")


@dataclass(frozen=True)
class Wizard:
    public_link_organisation_id: int | None = None
    territory_id: int | None = None
    prescripteur: bool = False
    motif_name_with_location_type: str | None = None
    restriction_accepted: bool = False
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    motif_id: int | None = None
    lieu_id: int | None = None
    week_start: date | None = None
    starts_at: datetime | None = None

    @classmethod
    def parse(cls, params: Any) -> Self:
        """Unreadable values are dropped: the journey goes back to the step that needs them."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = params.get(field.name)
            if raw in (None, ""):
                continue
            try:
                values[field.name] = _read(str(field.type), str(raw))
            except ValueError:
                continue
        return cls(**values)

    @property
    def scope(self) -> dict[str, Any]:
        return {
            "organisation_id": self.public_link_organisation_id,
            "territory_id": self.territory_id,
            "prescripteur": self.prescripteur,
        }

    @property
    def has_scope(self) -> bool:
        return self.public_link_organisation_id is not None or self.territory_id is not None

    @property
    def position(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude

    def step(self) -> str:
        if not self.motif_name_with_location_type:
            return "motif"
        if self.motif_id is None:
            return "lieu"
        if self.starts_at is None:
            return "creneau"
        return "identification"

    def query(self, **changes: Any) -> str:
        state = replace(self, **changes)
        pairs = {f.name: _write(getattr(state, f.name)) for f in fields(state)}
        return urlencode({k: v for k, v in pairs.items() if v is not None})

    def hidden(self, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The state as hidden inputs of a GET form that asks for the `drop`ped fields."""
        return [(k, v) for k, v in parse_qsl(self.query()) if k not in drop]

    def url(self, **changes: Any) -> str:
        return f"/prendre_rdv?{self.query(**changes)}"


def _read(kind: str, raw: str) -> Any:
    if "bool" in kind:
        return raw in ("1", "true", "on")
    if "int" in kind:
        return int(raw)
    if "float" in kind:
        return float(raw)
    if "datetime.datetime" in kind:
        value = datetime.fromisoformat(raw)
        if value.tzinfo is None:
            raise ValueError("a time zone is required")
        return value
    if "date" in kind:
        return date.fromisoformat(raw)
    return raw.strip()[:200]


def _write(value: Any) -> str | None:
    if value is None or value is False:
        return None
    if value is True:
        return "1"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)
