"""Domain errors; `entrypoints/http/errors.py` maps each class to one HTTP status."""


class DirectoryError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DirectoryError):
    """Also what a resource of another organisation looks like, so ids cannot be probed."""


class NotAllowed(DirectoryError):
    """The caller sees the resource but their role does not allow the action."""


class Conflict(DirectoryError):
    pass


class InvalidField(DirectoryError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class AuthenticationFailed(DirectoryError):
    pass


class TooManyAttempts(DirectoryError):
    pass
