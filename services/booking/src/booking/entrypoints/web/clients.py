"""What the pages ask other services over HTTP: availability's public search, directory's usager accounts."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

UNAVAILABLE = "Ce service est momentanément indisponible. Réessayez dans quelques instants."


class ServiceDown(Exception):
    def __init__(self) -> None:
        super().__init__(UNAVAILABLE)


class AccountRefused(Exception):
    """Directory said no: `problems` maps a form field (or "base") to the French reason."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class Tokens:
    access_token: str
    expires_in: int


def _bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _call(http: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> httpx.Response:
    try:
        response = await http.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        raise ServiceDown() from exc
    if response.status_code >= 500:
        raise ServiceDown()
    return response


class PublicSearch:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def _get(self, path: str, params: dict[str, Any], token: str | None) -> dict[str, Any] | None:
        clean = {k: v for k, v in params.items() if v is not None and v is not False}
        response = await _call(self._http, "GET", path, params=clean, headers=_bearer(token))
        return response.json() if response.status_code == 200 else None

    async def motifs(self, scope: dict[str, Any], token: str | None) -> list[dict[str, Any]]:
        found = await self._get("/api/v1/public/motifs", scope, token)
        return found["motifs"] if found else []

    async def places(
        self, scope: dict[str, Any], motif_key: str, position: tuple[float, float] | None, token: str | None
    ) -> list[dict[str, Any]]:
        params = scope | {"motif_key": motif_key}
        if position:
            params |= {"latitude": position[0], "longitude": position[1]}
        found = await self._get("/api/v1/public/lieux", params, token)
        return found["places"] if found else []

    async def slots(
        self,
        motif_id: int,
        lieu_id: int | None,
        days: tuple[date, date],
        prescripteur: bool,
        token: str | None,
    ) -> dict[str, Any]:
        params = {
            "motif_id": motif_id,
            "lieu_id": lieu_id,
            "from": days[0].isoformat(),
            "to": days[1].isoformat(),
        }
        found = await self._get("/api/v1/public/slots", params | {"prescripteur": prescripteur}, token)
        return found or {"days": [], "time_zone": "Europe/Paris"}

    async def next_availability(
        self, motif_id: int, lieu_id: int | None, prescripteur: bool, token: str | None
    ) -> dict[str, Any] | None:
        params = {"motif_id": motif_id, "lieu_id": lieu_id, "prescripteur": prescripteur}
        found = await self._get("/api/v1/public/next_availability", params, token)
        return found["next_availability"] if found else None


class UsagerAccounts:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def _post(self, method: str, path: str, body: dict[str, Any]) -> httpx.Response:
        response = await _call(self._http, method, path, json=body)
        if response.status_code >= 400:
            raise AccountRefused(_problems(response))
        return response

    async def sign_up(self, first_name: str, last_name: str, email: str, password: str) -> None:
        body = {"first_name": first_name, "last_name": last_name, "email": email, "password": password}
        await self._post("POST", "/api/v1/user_auth/sign_up", body)

    async def sign_in(self, email: str, password: str) -> Tokens:
        found = (
            await self._post("POST", "/api/v1/user_auth/sign_in", {"email": email, "password": password})
        ).json()
        return Tokens(found["access_token"], int(found["expires_in"]))

    async def confirm_email(self, token: str) -> None:
        await self._post("POST", "/api/v1/user_auth/confirmation", {"token": token})

    async def request_password_reset(self, email: str) -> None:
        await self._post("POST", "/api/v1/user_auth/password_reset", {"email": email})

    async def reset_password(self, token: str, password: str) -> None:
        await self._post("PUT", "/api/v1/user_auth/password", {"token": token, "password": password})


class AgentAccounts(UsagerAccounts):
    """The two agent links directory e-mails: accept an invitation, choose a new password."""

    async def accept_invitation(self, token: str, first_name: str, last_name: str, password: str) -> None:
        body = {"token": token, "first_name": first_name, "last_name": last_name, "password": password}
        await self._post("POST", "/api/v1/auth/invitation", body)

    async def reset_agent_password(self, token: str, password: str) -> None:
        await self._post("PUT", "/api/v1/auth/password", {"token": token, "password": password})


def _problems(response: httpx.Response) -> dict[str, str]:
    try:
        body = response.json()
    except ValueError:
        body = {}
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, dict) and response.status_code == 422:
        return {str(field): "; ".join(map(str, reasons)) for field, reasons in errors.items()}
    messages = body.get("error_messages") if isinstance(body, dict) else None
    if response.status_code == 429:
        return {"base": "Trop de tentatives. Réessayez dans quelques minutes."}
    if messages:
        return {"base": str(messages[0])}
    if isinstance(errors, list) and errors and isinstance(errors[0], str):
        return {"base": errors[0]}  # a 404 in API v1's shape: {"success": false, "errors": [reason]}
    return {"base": "Cette demande n'a pas abouti. Vérifiez les informations saisies."}
