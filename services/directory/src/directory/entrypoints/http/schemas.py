"""Request and response bodies, shaped like the RDV Service Public API v1 (root key per resource)."""

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from rdv_contracts.base import Contract

C = TypeVar("C", bound=Contract)


def as_contract(model: type[C], entity: Any, **extra: Any) -> C:
    names = set(model.model_fields)
    values = {k: v for k, v in dataclasses.asdict(entity).items() if k in names}
    return model.model_validate({**values, **extra})


def doc(handler: Callable[..., Any]) -> str:
    """A use case's module docstring (its business rules) as the route's OpenAPI description."""
    module = inspect.getmodule(handler)
    return inspect.cleandoc(module.__doc__ or "") if module else ""


class Strict(BaseModel):
    """Unknown fields are refused (mass assignment, OWASP API3)."""

    model_config = ConfigDict(extra="forbid")


class Meta(BaseModel):
    current_page: int
    next_page: int | None
    prev_page: int | None
    total_pages: int
    total_count: int


class TokenPair(BaseModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int = Field(description="Seconds")
    refresh_token: str | None = None


class Credentials(Strict):
    email: str = Field(examples=["agent@mairie.example"])
    password: str = Field(examples=["Un-mot-de-passe-2026"])


class RefreshBody(Strict):
    refresh_token: str


class ApiTokenBody(Strict):
    token: str = Field(description="The organisation's API token, as shown once at its creation")


class InvitationAcceptance(Strict):
    token: str
    password: str
    first_name: str | None = None
    last_name: str | None = None


class SignUpBody(Strict):
    first_name: str
    last_name: str
    email: str
    password: str


class TokenBody(Strict):
    token: str


class EmailBody(Strict):
    email: str = Field(max_length=254, examples=["agent@mairie.example"])


class NewPasswordBody(Strict):
    token: str = Field(description="The secret of the link received by e-mail")
    password: str = Field(examples=["Un-nouveau-mot-de-passe-2026"])
