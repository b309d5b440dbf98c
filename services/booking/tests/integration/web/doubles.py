"""Doubles of availability's public search and directory's usager accounts, at the HTTP boundary."""

from datetime import date, datetime, timedelta
from typing import Any

from fastapi import FastAPI, Response
from rdv_chassis.auth.signing import sign

from ..conftest import AUDIENCE, ISSUER, KEY, LIEU, MOTIF, ORG, USER

MOTIF_KEY = "Accueil-public_office"


class PublicSearchDouble:
    """Availability's `/api/v1/public/*`: one motif at one lieu; `times` are the free slots."""

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.app = FastAPI()
        self.app.get("/api/v1/public/motifs")(self._motifs)
        self.app.get("/api/v1/public/lieux")(self._lieux)
        self.app.get("/api/v1/public/slots")(self._slots)
        self.app.get("/api/v1/public/next_availability")(self._next)

    def _log(self, path: str, **params: Any) -> None:
        self.requests.append((path, {k: str(v) for k, v in params.items() if v is not None}))

    async def _motifs(self, organisation_id: int | None = None, prescripteur: bool = False) -> dict[str, Any]:
        self._log("motifs", organisation_id=organisation_id, prescripteur=prescripteur)
        key = {"key": MOTIF_KEY, "name": "Accueil", "location_type": "public_office", "service_id": 10}
        return {"motifs": [key | {"motif_ids": [MOTIF]}] if organisation_id == ORG else []}

    async def _lieux(self, motif_key: str, latitude: float | None = None) -> dict[str, Any]:
        self._log("lieux", motif_key=motif_key, latitude=latitude)
        lieu = {
            "id": LIEU,
            "name": "MDS",
            "address": "1 rue A 62000 Arras",
            "latitude": 50.0,
            "longitude": 2.0,
        }
        other = lieu | {"id": LIEU + 1, "name": "MDS Nord", "address": "2 rue B 59000 Lille"}
        place = {
            "motif_id": MOTIF,
            "organisation_id": ORG,
            "distance_in_meters": None,
            "next_availability": None,
        }
        return {"places": [place | {"lieu": other}, place | {"lieu": lieu}]}

    async def _slots(self, motif_id: int, to: date, from_: date | None = None) -> dict[str, Any]:
        days: dict[date, list[dict[str, Any]]] = {}
        for t in self.times:
            end = (t + timedelta(minutes=30)).isoformat()
            days.setdefault(t.date(), []).append(
                {"starts_at": t.isoformat(), "ends_at": end, "lieu_id": LIEU}
            )
        shown = [{"date": d.isoformat(), "slots": s} for d, s in sorted(days.items()) if d <= to]
        return {"motif_id": motif_id, "lieu_id": LIEU, "time_zone": "Europe/Paris", "days": shown}

    async def _next(self, motif_id: int) -> dict[str, Any]:
        if not self.times:
            return {"next_availability": None}
        first = min(self.times)
        end = (first + timedelta(minutes=30)).isoformat()
        return {"next_availability": {"starts_at": first.isoformat(), "ends_at": end, "lieu_id": LIEU}}


class AccountsDouble:
    """Directory's `/api/v1/user_auth/*`: one confirmed usager, USER, with `PASSWORD`."""

    EMAIL, PASSWORD = "elodie@example.org", "Mot-de-passe-2026!"

    def __init__(self) -> None:
        self.sign_ups: list[dict[str, Any]] = []
        self.confirmed: list[str] = []
        self.app = FastAPI()
        self.app.post("/api/v1/user_auth/sign_in")(self._sign_in)
        self.app.post("/api/v1/user_auth/sign_up", status_code=202)(self._sign_up)
        self.app.post("/api/v1/user_auth/confirmation")(self._confirm)
        self.app.post("/api/v1/user_auth/password_reset", status_code=202)(self._reset_request)
        self.app.put("/api/v1/user_auth/password")(self._new_password)
        self.app.put("/api/v1/auth/password")(self._new_password)
        self.app.post("/api/v1/auth/invitation")(self._accept_invitation)
        self.invitations: list[dict[str, Any]] = []
        self.reset_requests: list[str] = []
        self.new_passwords: list[str] = []

    async def _sign_in(self, body: dict[str, Any], response: Response) -> dict[str, Any]:
        if (body.get("email"), body.get("password")) != (self.EMAIL, self.PASSWORD):
            response.status_code = 401
            return {
                "errors": {"base": ["E-mail ou mot de passe incorrect."]},
                "error_messages": ["E-mail ou mot de passe incorrect."],
            }
        token = sign({"sub": f"user:{USER}"}, KEY, ISSUER, AUDIENCE, ttl_seconds=600)
        return {"access_token": token, "expires_in": 600, "refresh_token": "r"}

    async def _sign_up(self, body: dict[str, Any]) -> dict[str, str]:
        self.sign_ups.append(body)
        return {"message": "ok"}

    async def _confirm(self, body: dict[str, Any], response: Response) -> None:
        if body.get("token") != "bon-jeton":
            response.status_code = 422
            return
        self.confirmed.append(body["token"])
        response.status_code = 204

    async def _accept_invitation(self, body: dict[str, Any], response: Response) -> dict[str, Any] | None:
        if body.get("token") != "invitation":
            response.status_code = 404
            return {"success": False, "errors": ["invitation inconnue ou expirée"]}
        refused = await self._new_password(body, response)
        if refused is None:
            self.invitations.append(body)
        return refused

    async def _reset_request(self, body: dict[str, Any]) -> dict[str, str]:
        self.reset_requests.append(body["email"])
        return {"message": "ok"}

    async def _new_password(self, body: dict[str, Any], response: Response) -> dict[str, Any] | None:
        if len(body.get("password", "")) < 12:
            response.status_code = 422
            reason = "12 caractères minimum"
            return {"errors": {"password": [reason]}, "error_messages": [f"password: {reason}"]}
        self.new_passwords.append(body["password"])
        response.status_code = 204
        return None
