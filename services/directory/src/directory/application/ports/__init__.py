"""What the use cases need from the outside world, as Protocols the adapters (and tests' fakes) meet."""

from directory.application.ports.services import (
    AttemptLimiter,
    Clock,
    PasswordHasher,
    SecretBox,
    TokenSigner,
)
from directory.application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "AttemptLimiter",
    "Clock",
    "PasswordHasher",
    "SecretBox",
    "TokenSigner",
    "UnitOfWork",
    "UnitOfWorkFactory",
]
