from rdv_chassis.runtime import serve_api

from availability.bootstrap import build_app
from availability.config import AvailabilitySettings


def main() -> None:
    settings = AvailabilitySettings()
    serve_api(settings, lambda: build_app(settings))


if __name__ == "__main__":
    main()
