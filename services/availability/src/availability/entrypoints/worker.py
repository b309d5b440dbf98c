from rdv_chassis.runtime import serve_worker

from availability.bootstrap import build_database, subscriptions
from availability.config import AvailabilitySettings


def main() -> None:
    settings = AvailabilitySettings()
    serve_worker(settings, build_database(settings), subscriptions(settings))


if __name__ == "__main__":
    main()
