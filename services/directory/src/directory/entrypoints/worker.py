from rdv_chassis.runtime import serve_worker

from directory.bootstrap import build_database, subscriptions
from directory.config import DirectorySettings


def main() -> None:
    settings = DirectorySettings()
    serve_worker(settings, build_database(settings), subscriptions())


if __name__ == "__main__":
    main()
