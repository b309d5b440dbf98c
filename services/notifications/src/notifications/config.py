from typing import ClassVar

from rdv_chassis.settings import ServiceSettings, service_config


class NotificationsSettings(ServiceSettings):
    model_config = service_config("NOTIFICATIONS_")
    service_name: ClassVar[str] = "notifications"

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/notifications"
    http_port: int = 8004
    worker_http_port: int = 9004
