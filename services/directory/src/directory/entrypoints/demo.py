"""Demo data (idempotent): `python -m directory.entrypoints.demo`.

One territory (Pas-de-Calais, 62) with two organisations, three services, agents of every role sharing
one password, twenty usagers (some with relatives), lieux and a dozen motifs covering every option,
two teams and a motif category.
"""

import asyncio
import logging
import sys
from datetime import date
from typing import Any

from rdv_contracts.directory import AccessLevel

from directory.application import lieux, motif_categories, motifs, organisations, provision, teams, users
from directory.application.context import Context
from directory.application.invite_agent import InviteAgent, invite_agent
from directory.bootstrap import build_context, build_database, build_signer
from directory.config import DirectorySettings
from directory.domain.caller import SYSTEM

DEMO_PASSWORD = "Rdv-Demo-2026!"
DOMAIN = "demo.rdv-solidarites.example"

log = logging.getLogger(__name__)

AGENTS = [  # email local part, first name, last name, organisation key, level, service key
    ("territoire", "Thérèse", "Territoire", "mairie", AccessLevel.ADMIN, "social"),
    ("admin.mairie", "Amandine", "Admin", "mairie", AccessLevel.ADMIN, "pmi"),
    ("admin.social", "Ali", "Admin-Social", "social", AccessLevel.ADMIN, "social"),
    ("pmi.1", "Pauline", "Puéricultrice", "mairie", AccessLevel.BASIC, "pmi"),
    ("pmi.2", "Paul", "Médecin", "mairie", AccessLevel.BASIC, "pmi"),
    ("social.1", "Sophie", "Assistante", "social", AccessLevel.BASIC, "social"),
    ("social.2", "Samir", "Éducateur", "social", AccessLevel.BASIC, "social"),
    ("secretariat", "Sandra", "Secrétaire", "mairie", AccessLevel.BASIC, "secretariat"),
    ("multi", "Marc", "Deux-Organisations", "social", AccessLevel.BASIC, "social"),
]

MOTIFS: list[dict[str, Any]] = [
    {"name": "Consultation PMI", "service": "pmi", "bookable_by": "everyone", "color": "#1E90FF"},
    {"name": "Vaccination", "service": "pmi", "bookable_by": "everyone", "default_duration_in_min": 15},
    {"name": "Suivi de grossesse", "service": "pmi", "follow_up": True, "bookable_by": "agents"},
    {
        "name": "Conseil par téléphone",
        "service": "pmi",
        "location_type": "phone",
        "bookable_by": "agents_and_prescripteurs",
    },
    {"name": "Visite à domicile", "service": "pmi", "location_type": "home", "rdvs_editable_by_user": False},
    {"name": "Atelier parents", "service": "pmi", "collectif": True, "bookable_by": "everyone"},
    {"name": "Accueil secrétariat", "service": "social", "for_secretariat": True},
    {
        "name": "Premier rendez-vous social",
        "service": "social",
        "bookable_by": "agents_and_prescripteurs_and_invited_users",
    },
    {"name": "Entretien en visio", "service": "social", "location_type": "visio", "bookable_by": "everyone"},
    {"name": "Aide administrative", "service": "social", "visibility_type": "visible_and_not_notified"},
    {
        "name": "Signalement",
        "service": "social",
        "visibility_type": "invisible",
        "rdvs_cancellable_by_user": False,
    },
    {
        "name": "Dossier RSA",
        "service": "social",
        "bookable_by": "everyone",
        "restriction_for_rdv": "Munissez-vous de votre attestation CAF.",
        "instruction_for_rdv": "Présentez-vous à l'accueil 10 minutes avant.",
        "min_public_booking_delay": 86400,
        "max_public_booking_delay": 30 * 86400,
        "category": "rsa_orientation",
    },
]

CATEGORIES = [{"name": "Orientation RSA", "short_name": "rsa_orientation"}]
TEAMS = {"Équipe PMI": ["pmi.1", "pmi.2"], "Équipe sociale": ["social.1", "social.2", "multi"]}

LIEUX: dict[str, list[tuple[str, str, float, float, str | None]]] = {
    "mairie": [("Mairie d'Arras", "Place Guy Mollet, 62000 Arras", 50.2910, 2.7775, "03 21 50 50 50")],
    "social": [
        ("Maison du Département", "1 rue de la Paix, 62000 Arras", 50.2890, 2.7760, None),
        ("Antenne de Lens", "10 rue de Lille, 62300 Lens", 50.4320, 2.8330, None),
    ],
}

FIRST = ["Hélène", "Jean", "Léa", "Mohamed", "Chloé", "Lucas", "Emma", "Nicolas", "Fatou", "Thomas"]
LAST = ["Dupont", "Martin", "Bernard", "Lefèvre", "Durand", "Moreau", "Laurent", "Simon", "Michel", "Garcia"]


async def load(ctx: Context) -> dict[str, int]:
    services = {
        "pmi": await provision.ensure_service(ctx, "PMI (Protection Maternelle Infantile)", "PMI"),
        "social": await provision.ensure_service(ctx, "Service social", "Social"),
        "secretariat": await provision.ensure_service(ctx, "Secrétariat", "Secrétariat"),
    }
    territory = await provision.ensure_territory(
        ctx,
        {"name": "Pas-de-Calais", "departement_number": "62", "enable_notes_field": True},
        [s.id for s in services.values()],
    )
    orgs = {}
    for key, name in (("mairie", "Mairie d'Arras"), ("social", "Maison du Département d'Arras")):
        async with ctx.uow() as uow:
            existing = await uow.organisations.named(territory.id, name)
        orgs[key] = existing or await organisations.create_organisation(
            ctx,
            SYSTEM,
            organisations.CreateOrganisation(territory.id, {"name": name, "phone_number": "03 21 21 62 62"}),
        )
    agent_ids = await _agents(ctx, orgs, services, territory.id)
    if (await lieux.list_lieux(ctx, SYSTEM, orgs["mairie"].id, 0, 1))[1] == 0:
        await _places(ctx, orgs, services, territory.id)
    await _teams(ctx, territory.id, agent_ids)
    await _usagers(ctx, orgs)
    return {"territory": territory.id, **{f"org_{k}": o.id for k, o in orgs.items()}, **agent_ids}


async def _agents(
    ctx: Context, orgs: dict[str, Any], services: dict[str, Any], territory_id: int
) -> dict[str, int]:
    ids = {}
    for local, first, last, org, level, service in AGENTS:
        email = f"{local}@{DOMAIN}"
        async with ctx.uow() as uow:
            agent = await uow.agents.by_email(email)
        if agent is None:
            command = InviteAgent(orgs[org].id, level, email, first, last, [services[service].id])
            agent, _ = await invite_agent(ctx, SYSTEM, command)
            await provision.set_agent_password(ctx, agent.id, DEMO_PASSWORD)
        ids[local] = agent.id
    await provision.make_territory_admin(ctx, territory_id, ids["territoire"])
    async with ctx.uow() as uow:
        multi_in_mairie = await uow.agent_roles.of(ids["multi"], orgs["mairie"].id)
        guichet = [
            a for a in (await uow.agents.in_organisation(orgs["mairie"].id, None, 0, 100))[0] if not a.email
        ]
    if multi_in_mairie is None:
        await invite_agent(ctx, SYSTEM, InviteAgent(orgs["mairie"].id, AccessLevel.BASIC, f"multi@{DOMAIN}"))
    if not guichet:
        await invite_agent(
            ctx, SYSTEM, InviteAgent(orgs["mairie"].id, AccessLevel.INTERVENANT, None, None, "Guichet 1")
        )
    return ids


async def _teams(ctx: Context, territory_id: int, agent_ids: dict[str, int]) -> None:
    existing = {t.name for t in (await teams.list_teams(ctx, SYSTEM, territory_id, 0, 100))[0]}
    for name, members in TEAMS.items():
        if name not in existing:
            values = {"name": name, "agent_ids": [agent_ids[m] for m in members]}
            await teams.create_team(ctx, SYSTEM, territory_id, values)


async def _places(ctx: Context, orgs: dict[str, Any], services: dict[str, Any], territory_id: int) -> None:
    categories = {
        c["short_name"]: (await motif_categories.create_motif_category(ctx, SYSTEM, territory_id, c)).id
        for c in CATEGORIES
    }
    for org, places in LIEUX.items():
        for name, address, latitude, longitude, phone in places:
            values = {
                "name": name,
                "address": address,
                "latitude": latitude,
                "longitude": longitude,
                "phone_number": phone,
            }
            await lieux.create_lieu(ctx, SYSTEM, orgs[org].id, values)
    for spec in MOTIFS:
        values = {k: v for k, v in spec.items() if k not in ("service", "category")} | {
            "service_id": services[spec["service"]].id
        }
        if "category" in spec:
            values["motif_category_id"] = categories[spec["category"]]
        org = orgs["mairie"] if spec["service"] == "pmi" else orgs["social"]
        await motifs.create_motif(ctx, SYSTEM, org.id, values)


async def _usagers(ctx: Context, orgs: dict[str, Any]) -> None:
    for n in range(20):
        email = f"usager{n + 1:02d}@{DOMAIN}"
        async with ctx.uow() as uow:
            if await uow.users.by_email(email) is not None:
                continue
        values = {
            "first_name": FIRST[n % 10],
            "last_name": LAST[(n * 3) % 10],
            "email": email,
            "phone_number": f"06 12 34 {n // 10:02d} {n:02d}",
            "birth_date": date(1960 + n, 1 + n % 12, 1 + n),
            "address": f"{n + 1} rue de la République, 62000 Arras",
            "post_code": "62000",
            "city_code": "62041",
            "city_name": "Arras",
        }
        org_ids = [orgs["mairie"].id] if n % 2 else [orgs["mairie"].id, orgs["social"].id]
        user = await users.create_user(ctx, SYSTEM, users.CreateUser(values, org_ids))
        if n < 5:
            child = {
                "first_name": "Enfant",
                "last_name": values["last_name"],
                "birth_date": date(2020, 1 + n, 10),
            }
            await users.create_user(
                ctx, SYSTEM, users.CreateUser({**child, "responsible_id": user.id}, org_ids)
            )
        if n == 0:
            await provision.set_user_password(ctx, user, DEMO_PASSWORD)


async def main() -> None:
    settings = DirectorySettings()
    database = build_database(settings)
    try:
        ids = await load(build_context(settings, database, build_signer(settings)))
    finally:
        await database.engine.dispose()
    # The demo's people need these to sign in: printing them is the CLI's purpose.
    sys.stdout.write(f"directory demo data ready: {ids}\n")
    sys.stdout.write(f"agents: <name>@{DOMAIN} (territoire, admin.mairie, pmi.1, secretariat, ...)\n")
    sys.stdout.write(f"usager: usager01@{DOMAIN}; shared password: {DEMO_PASSWORD}\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
