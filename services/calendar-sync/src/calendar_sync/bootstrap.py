"""Composition root: nothing is built at import time; tests pass their own settings."""

from fastapi import FastAPI
from rdv_chassis.runtime import Database, Subscription, service_api

from calendar_sync.adapters.tables import metadata
from calendar_sync.config import CalendarSyncSettings

VERSION = "0.1.0"


def build_database(settings: CalendarSyncSettings) -> Database:
    return Database.connect(settings, metadata)


def build_app(settings: CalendarSyncSettings, database: Database | None = None) -> FastAPI:
    return service_api(settings, database or build_database(settings), version=VERSION, routers=[])


def subscriptions() -> list[Subscription]:
    return []
