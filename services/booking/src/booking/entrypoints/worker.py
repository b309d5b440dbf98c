from rdv_chassis.runtime import serve_worker

from booking.bootstrap import build_database, subscriptions
from booking.config import BookingSettings


def main() -> None:
    settings = BookingSettings()
    serve_worker(settings, build_database(settings), subscriptions())


if __name__ == "__main__":
    main()
