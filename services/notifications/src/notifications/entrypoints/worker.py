from rdv_chassis.runtime import serve_worker

from notifications.bootstrap import build_database, subscriptions
from notifications.config import NotificationsSettings


def main() -> None:
    settings = NotificationsSettings()
    serve_worker(settings, build_database(settings), subscriptions())


if __name__ == "__main__":
    main()
