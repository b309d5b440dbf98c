from fastapi import Request
from rdv_chassis.auth.dependencies import principal_dependency
from rdv_chassis.auth.jwt import TokenVerifier

from notifications.bootstrap import Services


def _verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.verifier
    return verifier


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


current_principal = principal_dependency(_verifier)
