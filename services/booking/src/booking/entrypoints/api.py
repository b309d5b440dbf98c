from rdv_chassis.runtime import serve_api

from booking.bootstrap import build_app, build_database
from booking.config import BookingSettings
from booking.entrypoints.http.export_wiring import mount_exports
from booking.entrypoints.web.mount import mount_web


def main() -> None:
    settings = BookingSettings()
    database = build_database(settings)
    serve_api(settings, lambda: mount_web(mount_exports(build_app(settings, database), database), settings))


if __name__ == "__main__":
    main()
