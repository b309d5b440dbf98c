"""Domain errors; `entrypoints/http/errors.py` maps them to HTTP statuses in one table."""


class NotFound(Exception):
    """Unknown resource, or one of another organisation (never tell which)."""


class NotAllowed(Exception):
    """The caller may see the resource but not act on it."""


class Conflict(Exception):
    pass


class InvalidField(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


class UnsafeUrl(InvalidField):
    """A user-supplied URL that would make us reach a private, loopback or link-local address."""


class ConnectionRefused(InvalidField):
    """An external calendar refused the credentials or the calendar given at connection."""


class NotConfigured(Exception):
    """A feature this deployment has not been set up for (e.g. no Microsoft application)."""
