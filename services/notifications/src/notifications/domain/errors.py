"""Domain errors; `entrypoints/http/errors.py` maps them to HTTP once."""


class NotificationsError(Exception):
    pass


class LocalCopyMissing(NotificationsError):
    """An event refers to an entity whose state has not reached this service yet (retried, then DLQ)."""


class DeliveryReportNotFound(NotificationsError):
    def __init__(self) -> None:
        super().__init__("aucun envoi ne correspond à ce rapport")


class UnknownSmsProvider(NotificationsError):
    def __init__(self, provider: str) -> None:
        super().__init__(f"fournisseur SMS inconnu: {provider}")


class InvalidCallbackToken(NotificationsError):
    def __init__(self) -> None:
        super().__init__("jeton de rappel invalide")


class RdvNotVisible(NotificationsError):
    def __init__(self) -> None:
        super().__init__("RDV introuvable")
