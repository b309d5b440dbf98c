from rdv_chassis.runtime import serve_worker

from calendar_sync.bootstrap import build_database, subscriptions
from calendar_sync.config import CalendarSyncSettings


def main() -> None:
    settings = CalendarSyncSettings()
    serve_worker(settings, build_database(settings), subscriptions())


if __name__ == "__main__":
    main()
