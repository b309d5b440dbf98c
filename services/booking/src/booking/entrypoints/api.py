from rdv_chassis.runtime import serve_api

from booking.bootstrap import build_app
from booking.config import BookingSettings
from booking.entrypoints.web.mount import mount_web


def main() -> None:
    settings = BookingSettings()
    serve_api(settings, lambda: mount_web(build_app(settings), settings))


if __name__ == "__main__":
    main()
