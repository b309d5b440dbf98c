"""Adds the exports and statistics routes to booking's API, on the app's database and clock."""

from fastapi import FastAPI
from rdv_chassis.runtime import Database

from booking.adapters.export_unit_of_work import ExportsUnitOfWork
from booking.entrypoints.http import exports, statistics
from booking.entrypoints.http.exports import ExportCollaborators


def mount_exports(app: FastAPI, database: Database) -> FastAPI:
    def units() -> ExportsUnitOfWork:
        return ExportsUnitOfWork(database.sessions, database.outbox, database.producer)

    app.state.exports = ExportCollaborators(units, units, app.state.booking.clock)
    app.include_router(exports.router)
    app.include_router(statistics.router)
    return app
