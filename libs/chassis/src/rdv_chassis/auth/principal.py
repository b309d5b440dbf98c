from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from rdv_chassis.errors import NotAuthenticated

PrincipalKind = Literal["agent", "user", "api_token", "service"]


@dataclass(frozen=True)
class Principal:
    """Who is calling, from the claims of a verified access token (subject `"<kind>:<id>"`)."""

    subject: str
    kind: PrincipalKind
    id: int
    claims: Mapping[str, Any]

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> "Principal":
        subject = claims.get("sub")
        kind, _, raw_id = subject.partition(":") if isinstance(subject, str) else ("", "", "")
        if kind not in get_args(PrincipalKind) or not (raw_id.isascii() and raw_id.isdigit()):
            raise NotAuthenticated("token subject is not of the form <kind>:<id>")
        return cls(subject=cast(str, subject), kind=cast(PrincipalKind, kind), id=int(raw_id), claims=claims)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(int(org["id"]) for org in self._orgs())

    @property
    def admin_organisation_ids(self) -> frozenset[int]:
        return frozenset(int(org["id"]) for org in self._orgs() if org.get("level") == "admin")

    def organisation_level(self, organisation_id: int) -> str | None:
        """`"basic"`, `"admin"` or `"intervenant"` in that organisation, None when not a member."""
        return next((org.get("level") for org in self._orgs() if int(org["id"]) == organisation_id), None)

    @property
    def territory_admin_ids(self) -> frozenset[int]:
        return frozenset(int(territory) for territory in self.claims.get("territories") or ())

    @property
    def service_ids(self) -> frozenset[int]:
        return frozenset(int(service) for service in self.claims.get("services") or ())

    @property
    def secretariat(self) -> bool:
        return bool(self.claims.get("secretariat", False))

    def _orgs(self) -> list[Mapping[str, Any]]:
        return list(self.claims.get("orgs") or ())
