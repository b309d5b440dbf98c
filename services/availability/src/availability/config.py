from typing import ClassVar

from rdv_chassis.settings import ServiceSettings, service_config


class AvailabilitySettings(ServiceSettings):
    model_config = service_config("AVAILABILITY_")
    service_name: ClassVar[str] = "availability"

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/availability"
    http_port: int = 8002
    worker_http_port: int = 9002
