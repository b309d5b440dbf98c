from notifications.adapters.tables import metadata
from notifications.config import NotificationsSettings
from rdv_chassis.db.migrations import run_migrations

run_migrations(metadata, lambda: NotificationsSettings().database_url)
