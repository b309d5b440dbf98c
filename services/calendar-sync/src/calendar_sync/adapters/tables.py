from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table

metadata = new_metadata()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
