"""Domain errors; `entrypoints/http/errors.py` maps each one to an HTTP status once."""


class DomainError(Exception):
    pass


class InvalidPlage(DomainError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


class InvalidPeriod(InvalidPlage):
    """A search period that is empty, reversed or too long."""


class NotFound(DomainError):
    """Unknown id, or a resource of an organisation the caller cannot see (never a 403: no leak)."""


class NotAllowed(DomainError):
    """The caller sees the resource but may not do this to it."""
