"""A local stand-in for login.microsoftonline.com and graph.microsoft.com: the few calls we use,
with Graph's status codes and error bodies (token, create/update/delete event, 429 + Retry-After,
invalid_grant)."""

import asyncio
import contextlib
import itertools
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from calsync_support.tls import make_certificate

GOOD_CODE = "good-authorisation-code"


@dataclass
class FakeMicrosoft:
    base_url: str = ""
    ca_file: str = ""
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[tuple[str, str, dict[str, Any] | None]] = field(default_factory=list)
    valid_access_tokens: set[str] = field(default_factory=set)
    revoked_refresh_tokens: set[str] = field(default_factory=set)
    throttle: list[int] = field(default_factory=list)
    """Retry-After seconds of the next 429 answers to event calls."""
    server_errors: int = 0
    _counter: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))
    _transactions: dict[str, str] = field(default_factory=dict)

    def issue_tokens(self) -> dict[str, Any]:
        n = next(self._counter)
        self.valid_access_tokens.add(f"access-{n}")
        return {
            "token_type": "Bearer",
            "scope": "Calendars.ReadWrite User.Read",
            "expires_in": 3600,
            "access_token": f"access-{n}",
            "refresh_token": f"refresh-{n}",
        }

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/{tenant}/v2.0/.well-known/openid-configuration")
        async def discovery(tenant: str) -> dict[str, Any]:
            base = f"{self.base_url}/{tenant}"
            return {
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "issuer": f"{base}/v2.0",
            }

        @app.post("/{tenant}/oauth2/v2.0/token")
        async def token(tenant: str, request: Request) -> Response:
            form = {key: values[0] for key, values in parse_qs((await request.body()).decode()).items()}
            self.calls.append(("POST", "token", {"grant_type": form.get("grant_type")}))
            if form.get("grant_type") == "authorization_code" and form.get("code") == GOOD_CODE:
                return JSONResponse(self.issue_tokens())
            refresh = form.get("refresh_token")
            if form.get("grant_type") == "refresh_token" and refresh not in self.revoked_refresh_tokens:
                return JSONResponse(self.issue_tokens())
            error = {"error": "invalid_grant", "error_description": "AADSTS70008: expired or revoked grant."}
            return JSONResponse(error, status_code=400)

        @app.api_route("/v1.0/me/events", methods=["POST"])
        @app.api_route("/v1.0/me/events/{event_id}", methods=["PATCH", "DELETE"])
        async def events(request: Request, event_id: str | None = None) -> Response:
            body = await request.json() if request.method != "DELETE" else None
            self.calls.append((request.method, event_id or "", body))
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            if request.method == "POST":
                assert body is not None
                known = self._transactions.get(body.get("transactionId", ""))
                new_id = known or f"AAMk-{next(self._counter)}"
                self._transactions[body.get("transactionId", "")] = new_id
                self.events[new_id] = body | {"id": new_id}
                return JSONResponse(self.events[new_id], status_code=201)
            if event_id not in self.events:
                error = {
                    "error": {"code": "ErrorItemNotFound", "message": "The specified object was not found."}
                }
                return JSONResponse(error, status_code=404)
            if request.method == "DELETE":
                del self.events[event_id]
                return Response(status_code=204)
            self.events[event_id] |= body or {}
            return JSONResponse(self.events[event_id])

        return app

    def _refusal(self, request: Request) -> Response | None:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.valid_access_tokens:
            error = {"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}
            return JSONResponse(error, status_code=401)
        if self.throttle:
            error = {"error": {"code": "TooManyRequests", "message": "Please retry again later."}}
            return JSONResponse(error, status_code=429, headers={"Retry-After": str(self.throttle.pop(0))})
        if self.server_errors:
            self.server_errors -= 1
            return JSONResponse({"error": {"code": "ServiceNotAvailable"}}, status_code=503)
        return None

    def created_events(self) -> list[dict[str, Any]]:
        return list(self.events.values())


@contextlib.asynccontextmanager
async def running_fake_microsoft(folder: Path) -> AsyncIterator[FakeMicrosoft]:
    cert_file, key_file = make_certificate(folder)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fake = FakeMicrosoft(base_url=f"https://127.0.0.1:{port}", ca_file=str(cert_file))
    config = uvicorn.Config(
        fake.app(),
        host="127.0.0.1",
        port=port,
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
