from calendar_sync.adapters.tables import metadata
from calendar_sync.config import CalendarSyncSettings
from rdv_chassis.db.migrations import run_migrations

run_migrations(metadata, lambda: CalendarSyncSettings().database_url)
