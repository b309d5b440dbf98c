from typing import ClassVar

from rdv_chassis.settings import ServiceSettings, service_config


class DirectorySettings(ServiceSettings):
    model_config = service_config("DIRECTORY_")
    service_name: ClassVar[str] = "directory"

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/directory"
    http_port: int = 8001
    worker_http_port: int = 9001
