from rdv_chassis.runtime import serve_api

from calendar_sync.bootstrap import build_app
from calendar_sync.config import CalendarSyncSettings


def main() -> None:
    settings = CalendarSyncSettings()
    serve_api(settings, lambda: build_app(settings))


if __name__ == "__main__":
    main()
