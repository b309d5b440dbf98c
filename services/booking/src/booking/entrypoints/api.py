from rdv_chassis.runtime import serve_api

from booking.bootstrap import build_app
from booking.config import BookingSettings


def main() -> None:
    settings = BookingSettings()
    serve_api(settings, lambda: build_app(settings))


if __name__ == "__main__":
    main()
