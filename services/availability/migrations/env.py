from availability.adapters.tables import metadata
from availability.config import AvailabilitySettings
from rdv_chassis.db.migrations import run_migrations

run_migrations(metadata, lambda: AvailabilitySettings().database_url)
