from booking.adapters.tables import metadata
from booking.config import BookingSettings
from rdv_chassis.db.migrations import run_migrations

run_migrations(metadata, lambda: BookingSettings().database_url)
