"""Domain errors; `entrypoints/http/errors.py` maps them to HTTP once."""


class NotificationsError(Exception):
    pass


class LocalCopyMissing(NotificationsError):
    """An event refers to an entity whose copy is not here: its state has not arrived yet (the event
    is read again later), or it was deleted at directory (`deleted`: retried, then dead-lettered)."""

    def __init__(self, entity: str, entity_id: int, *, deleted: bool = False) -> None:
        super().__init__(f"{entity} {entity_id} {'was deleted' if deleted else 'is not known yet'}")
        self.deleted = deleted


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
