"""Demo agendas (idempotent): `python -m availability.entrypoints.demo`, after the directory's demo.

Names are those of `directory.entrypoints.demo` (Pas-de-Calais: Mairie d'Arras for the PMI, Maison du
Département d'Arras for the social service), as the local copies learn them from the directory's events.
"""

import asyncio
import sys
from datetime import time

from rdv_chassis.observability.logging import configure_logging

from availability.adapters.ical import IcsRenderer
from availability.adapters.unit_of_work import SqlAgendaUnitOfWork
from availability.application.seed_demo_plages import DemoDataMissing, DemoPlage, seed_demo_plages
from availability.bootstrap import build_catalogs, build_database, utc_now
from availability.config import AvailabilitySettings

MAIRIE, SOCIAL = "Mairie d'Arras", "Maison du Département d'Arras"
MORNING, AFTERNOON = (time(9), time(12)), (time(13, 30), time(17))

DEMO_PLAGES = (
    DemoPlage("Consultations PMI", "Puéricultrice", MAIRIE, "Mairie d'Arras",
              ("Consultation PMI", "Vaccination", "Suivi de grossesse"), ("monday", "wednesday", "friday"),
              *MORNING),
    DemoPlage("Consultations et visites", "Médecin", MAIRIE, "Mairie d'Arras",
              ("Consultation PMI", "Vaccination", "Visite à domicile"), ("tuesday", "thursday"), *AFTERNOON),
    DemoPlage("Conseils téléphoniques", "Médecin", MAIRIE, None,
              ("Conseil par téléphone",), ("friday",), time(14), time(16)),
    DemoPlage("Accueil social", "Assistante", SOCIAL, "Maison du Département",
              ("Premier rendez-vous social", "Aide administrative", "Dossier RSA", "Signalement"),
              ("monday", "tuesday", "thursday"), time(9), time(12, 30)),
    DemoPlage("Permanence de Lens", "Éducateur", SOCIAL, "Antenne de Lens",
              ("Premier rendez-vous social", "Dossier RSA"), ("tuesday", "thursday"), *AFTERNOON),
    DemoPlage("Entretiens en visio", "Éducateur", SOCIAL, None,
              ("Entretien en visio",), ("friday",), *MORNING),
)  # fmt: skip


async def run(settings: AvailabilitySettings, wait_seconds: float = 120.0) -> int:
    database = build_database(settings)
    try:
        return await seed_demo_plages(
            DEMO_PLAGES,
            lambda: SqlAgendaUnitOfWork(database),
            build_catalogs(database),
            IcsRenderer(),
            utc_now,
            wait_seconds,
        )
    finally:
        await database.engine.dispose()


def main() -> None:
    settings = AvailabilitySettings()
    configure_logging(f"{settings.service_name}-demo", settings.log_level, json=settings.log_json)
    try:
        created = asyncio.run(run(settings))
    except DemoDataMissing as missing:
        sys.stderr.write(f"availability demo: {missing} (has the directory demo run?)\n")
        sys.exit(1)
    # Telling the person who runs `make run` what happened is this CLI's purpose.
    if created:
        sys.stdout.write(f"availability demo: {created} plages d'ouverture created\n")
    else:
        sys.stdout.write("availability demo: nothing to do, the demo plages already exist\n")


if __name__ == "__main__":
    main()
