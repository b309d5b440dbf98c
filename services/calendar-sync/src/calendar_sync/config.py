from typing import ClassVar

from rdv_chassis.settings import ServiceSettings, service_config


class CalendarSyncSettings(ServiceSettings):
    model_config = service_config("CALENDAR_SYNC_")
    service_name: ClassVar[str] = "calendar-sync"

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/calendar_sync"
    http_port: int = 8005
    worker_http_port: int = 9005
