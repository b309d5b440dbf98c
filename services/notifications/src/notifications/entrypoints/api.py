from rdv_chassis.runtime import serve_api

from notifications.bootstrap import build_app
from notifications.config import NotificationsSettings


def main() -> None:
    settings = NotificationsSettings()
    serve_api(settings, lambda: build_app(settings))


if __name__ == "__main__":
    main()
