"""Export errors, subclasses of the booking errors that `entrypoints/http/errors.py` already maps."""

from booking.domain.errors import InvalidRdv, RdvNotFound, RuleRefused


class ExportNotFound(RdvNotFound):
    def __init__(self, message: str = "Export introuvable.") -> None:
        super().__init__(message)


class InvalidExport(InvalidRdv):
    pass


class ExportNotReady(RuleRefused):
    def __init__(self) -> None:
        super().__init__("Cet export n'est pas encore prêt.")
