from directory.adapters.tables import metadata
from directory.config import DirectorySettings
from rdv_chassis.db.migrations import run_migrations

run_migrations(metadata, lambda: DirectorySettings().database_url)
