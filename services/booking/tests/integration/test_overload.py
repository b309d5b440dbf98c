"""An exhausted connection pool is an overload the client may retry (503), never a 500."""

import httpx
from booking.adapters.tables import metadata
from booking.bootstrap import Overrides, build_app
from booking.config import BookingSettings
from rdv_chassis.db.engine import create_session_factory
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from .conftest import ALEMBIC_INI, LINK_SECRET, USER, _bearer, verifier


async def test_a_saturated_connection_pool_answers_503_with_retry_after(make_database, kafka_bootstrap):
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    settings = BookingSettings(
        database_url=url, kafka_bootstrap_servers=kafka_bootstrap, environment="test", link_secret=LINK_SECRET
    )
    engine = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    outbox, inbox = metadata.tables["outbox"], metadata.tables["inbox"]
    database = Database(engine, create_session_factory(engine), metadata, outbox, inbox, "booking")
    app = build_app(settings, database, Overrides(verifier=verifier()))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://booking")
    try:
        async with engine.connect() as held, client:
            await held.execute(text("SELECT 1"))
            response = await client.get("/api/v1/usager/rdvs", headers=_bearer({"sub": f"user:{USER}"}))
    finally:
        await engine.dispose()

    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert "momentanément surchargé" in response.json()["error_messages"][0]
