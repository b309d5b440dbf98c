from rdv_chassis.runtime import serve_api

from directory.bootstrap import build_app
from directory.config import DirectorySettings


def main() -> None:
    settings = DirectorySettings()
    serve_api(settings, lambda: build_app(settings))


if __name__ == "__main__":
    main()
