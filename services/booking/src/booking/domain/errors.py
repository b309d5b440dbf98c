"""Domain errors; `entrypoints/http/errors.py` maps each class to one HTTP status."""


class BookingError(Exception):
    field: str | None = None

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class RdvNotFound(BookingError):
    def __init__(self, message: str = "Rendez-vous introuvable.") -> None:
        super().__init__(message)


class NotAllowed(BookingError):
    pass


class InvalidRdv(BookingError):
    """Bad input: always names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


class SlotTaken(BookingError):
    def __init__(
        self, message: str = "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre."
    ) -> None:
        super().__init__(message)


class OverlapNeedsConfirmation(BookingError):
    def __init__(self, rdv_ids: list[int]) -> None:
        ids = ", ".join(str(i) for i in rdv_ids)
        super().__init__(
            f"Un agent a déjà un RDV à ce moment-là (RDV {ids}). "
            "Confirmez avec force=true pour le créer quand même."
        )
        self.rdv_ids = rdv_ids


class DuplicateRdv(BookingError):
    def __init__(self) -> None:
        super().__init__(
            "Il existe déjà un RDV au même moment, au même lieu, pour le même motif et les mêmes personnes."
        )


class RdvFull(BookingError):
    def __init__(self) -> None:
        super().__init__("Il n'y a plus de place disponible pour cet atelier.")


class RuleRefused(BookingError):
    """A valid request that the product rules refuse now (too late to cancel, already cancelled...)."""


class IdempotencyKeyReused(BookingError):
    def __init__(self) -> None:
        super().__init__("Cette clé d'idempotence a déjà servi pour une autre demande.", "Idempotency-Key")


class SlotCheckUnavailable(BookingError):
    def __init__(self) -> None:
        super().__init__(
            "La vérification du créneau est momentanément indisponible. Réessayez dans un instant."
        )


class LinkLocked(BookingError):
    def __init__(self) -> None:
        super().__init__("Trop d'essais : ce lien est bloqué pendant 15 minutes.")


class WrongLetters(BookingError):
    def __init__(self) -> None:
        super().__init__("Les 3 lettres ne correspondent pas au nom de famille.", "letters")


class TooManyAttempts(BookingError):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("Trop de tentatives depuis cette adresse. Réessayez plus tard.")
        self.retry_after_seconds = retry_after_seconds


class LinkSessionExpired(BookingError):
    def __init__(self) -> None:
        super().__init__("Session expirée : saisissez à nouveau les 3 premières lettres du nom de famille.")
