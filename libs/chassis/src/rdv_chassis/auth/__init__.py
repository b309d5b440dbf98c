from rdv_chassis.auth.dependencies import optional_principal, principal_dependency
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal, PrincipalKind

__all__ = [
    "JwksClient",
    "Principal",
    "PrincipalKind",
    "TokenVerifier",
    "optional_principal",
    "principal_dependency",
]
