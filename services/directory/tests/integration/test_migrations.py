from pathlib import Path

from directory.adapters.tables import metadata
from rdv_chassis.testing.migrations import check_up_down_up

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"


async def test_migrations_go_up_down_and_up_again_without_drift(make_database):
    await check_up_down_up(ALEMBIC_INI, await make_database(), metadata)
