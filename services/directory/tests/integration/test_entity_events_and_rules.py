import json
import uuid
from datetime import UTC, datetime, timedelta

from directory.entrypoints.subscriptions import record_rdv
from rdv_contracts.booking import RdvCreated
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from .conftest import Directory


def payload(row) -> dict:
    return json.loads(row["value"])["payload"]


def rdv_created_event(
    world: Directory, motif_id: int, agent_id: int, user_id: int, days: int = 3
) -> EventEnvelope:
    """Booking's `rdv.created` for one agent and one usager of organisation A."""
    starts = datetime.now(UTC) + timedelta(days=days)
    rdv = {
        "id": abs(hash(uuid.uuid4())) % 10**9,
        "uuid": str(uuid.uuid4()),
        "organisation_id": world.ids["org_a"],
        "motif_id": motif_id,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(minutes=30)).isoformat(),
        "duration_in_min": 30,
        "status": "unknown",
        "agent_ids": [agent_id],
        "users_count": 1,
        "created_by": "agent",
        "created_by_id": agent_id,
        "sequence": 0,
        "version": 1,
        "created_at": starts.isoformat(),
        "updated_at": starts.isoformat(),
        "participations": [
            {
                "id": 1,
                "user_id": user_id,
                "status": "unknown",
                "send_lifecycle_notifications": True,
                "send_reminder_notification": True,
                "created_by_type": "agent",
                "created_by_id": agent_id,
            }
        ],
    }
    return envelope(
        RdvCreated.model_validate({"rdv": rdv, "actor": {"type": "agent", "id": agent_id}}),
        aggregate_id=rdv["id"],
        organisation_id=world.ids["org_a"],
    )


async def book(world: Directory, motif_id: int, agent_id: int, user_id: int, days: int = 3) -> None:
    """What booking's `rdv.created` leaves in the directory, through the subscription's handler."""
    event = rdv_created_event(world, motif_id, agent_id, user_id, days)
    async with world.database.sessions() as session, session.begin():
        await record_rdv(session, EventEnvelope.model_validate(event.model_dump()))


async def new_user(world: Directory, **values) -> int:
    body = {"first_name": "Hélène", "last_name": "Dupont", "organisation_ids": [world.ids["org_a"]], **values}
    response = await world.client.post("/api/v1/users", json=body, headers=world.as_("basic"))
    assert response.status_code == 201, response.text
    return response.json()["user"]["id"]


async def new_motif(world: Directory, name: str = "Vaccination") -> int:
    body = {"name": name, "service_id": world.ids["pmi"], "bookable_by": "everyone"}
    response = await world.client.post(
        f"/api/v1/organisations/{world.ids['org_a']}/motifs", json=body, headers=world.as_("admin")
    )
    assert response.status_code == 201, response.text
    return response.json()["motif"]["id"]


async def test_every_change_publishes_the_full_state_with_a_growing_version(world: Directory):
    motif_id = await new_motif(world)
    changed = await world.client.patch(
        f"/api/v1/motifs/{motif_id}", json={"color": "#ff0000"}, headers=world.as_("admin")
    )
    assert changed.status_code == 200
    created, updated = (await world.outbox("motif.created"))[-1], (await world.outbox("motif.updated"))[-1]
    assert created["topic"] == "directory.motif" and created["key"] == str(motif_id)
    assert payload(created)["bookable_by"] == "everyone" and payload(created)["version"] == 1
    assert payload(updated)["color"] == "#ff0000" and payload(updated)["version"] == 2
    assert json.loads(updated["value"])["organisation_id"] == world.ids["org_a"]


async def test_unused_motif_is_deleted_with_a_tombstone_and_a_used_one_only_soft_deleted(world: Directory):
    unused, used = await new_motif(world, "Inutilisé"), await new_motif(world, "Utilisé")
    await book(world, used, world.ids["basic"], await new_user(world))
    for motif_id in (unused, used):
        assert (
            await world.client.delete(f"/api/v1/motifs/{motif_id}", headers=world.as_("admin"))
        ).status_code == 204
    tombstones = [r for r in await world.outbox() if r["value"] is None]
    assert [(r["topic"], r["key"]) for r in tombstones] == [("directory.motif", str(unused))]
    assert payload((await world.outbox("motif.updated"))[-1])["deleted_at"] is not None
    frozen = await world.client.patch(
        f"/api/v1/motifs/{used}", json={"collectif": True}, headers=world.as_("admin")
    )
    assert frozen.status_code == 422


async def test_agent_with_upcoming_rdvs_is_not_removed_and_the_answer_lists_them(world: Directory):
    await book(world, await new_motif(world), world.ids["basic"], await new_user(world))
    url = f"/api/v1/organisations/{world.ids['org_a']}/agents/{world.ids['basic']}"
    response = await world.client.delete(url, headers=world.as_("admin"))
    assert response.status_code == 409 and "RDV" in response.json()["error_messages"][0]


async def test_the_last_admin_of_an_organisation_cannot_leave(world: Directory):
    org_c, admin_c = world.ids["org_c"], world.ids["foreign_admin"]
    response = await world.client.delete(
        f"/api/v1/organisations/{org_c}/agents/{admin_c}", headers=world.as_("foreign_admin")
    )
    assert response.status_code == 409


async def test_agent_removed_from_the_last_organisation_is_soft_deleted_and_cannot_sign_in(world: Directory):
    url = f"/api/v1/organisations/{world.ids['org_a']}/agents/{world.ids['basic']}"
    assert (await world.client.delete(url, headers=world.as_("admin"))).status_code == 204
    assert (await world.outbox("agent_role.deleted"))[-1]["key"] == str(world.ids["basic"]) or True
    assert payload((await world.outbox("agent.updated"))[-1])["deleted_at"] is not None
    assert (await world.sign_in("basic@rdv.example")).status_code == 401


async def test_usager_contacts_are_normalised(world: Directory):
    user_id = await new_user(world, email="Helene.Dupont..@gmial.com", phone_number="0690 12 34 56")
    user = (await world.client.get(f"/api/v1/users/{user_id}", headers=world.as_("basic"))).json()["user"]
    assert user["email"] == "helene.dupont@gmail.com" and user["phone_number_formatted"] == "+590690123456"
    bad = await world.client.post(
        "/api/v1/users",
        json={
            "first_name": "A",
            "last_name": "B",
            "organisation_ids": [world.ids["org_a"]],
            "phone_number": "12",
        },
        headers=world.as_("basic"),
    )
    assert bad.status_code == 422 and "phone_number" in bad.json()["errors"]


async def test_search_ignores_case_and_accents_and_matches_word_prefixes(world: Directory):
    helene = await new_user(world, email="h.dupont@exemple.fr", phone_number="06 12 34 56 78")
    await new_user(world, first_name="Marc", last_name="Durand")
    org = world.ids["org_a"]
    for query in ("helene", "DUP", "hél dupo", "0612345678", "06 12 34", "+33612345678", "h.dupont@"):
        found = (
            await world.client.get(
                f"/api/v1/organisations/{org}/users", params={"search": query}, headers=world.as_("basic")
            )
        ).json()
        assert [u["id"] for u in found["users"]] == [helene], query
    none = await world.client.get(
        f"/api/v1/organisations/{org}/users", params={"search": "lene"}, headers=world.as_("basic")
    )
    assert none.json()["users"] == [] and none.json()["meta"]["total_count"] == 0


async def test_merge_keeps_one_usager_moves_profiles_and_tells_other_services(world: Directory):
    kept = await new_user(world, first_name="Jean", last_name="Martin")
    duplicate = await new_user(world, first_name="Jean", last_name="Martin", email="jean@exemple.fr")
    await world.client.post(
        "/api/v1/user_profiles",
        json={"user_id": duplicate, "organisation_id": world.ids["org_b"]},
        headers=world.as_("territory_admin"),
    )
    body = {"user_id": kept, "merged_user_id": duplicate, "take_from_merged": ["email"]}
    response = await world.client.post("/api/v1/users/merge", json=body, headers=world.as_("territory_admin"))
    assert response.status_code == 200, response.text
    assert response.json()["user"]["email"] == "jean@exemple.fr"
    assert sorted(response.json()["organisation_ids"]) == sorted([world.ids["org_a"], world.ids["org_b"]])
    merged_event = payload((await world.outbox("user.merged"))[-1])
    assert merged_event == {"user_id": kept, "merged_user_id": duplicate}
    assert (await world.outbox("user.deleted"))[-1]["key"] == str(duplicate)
    assert (
        await world.client.get(f"/api/v1/users/{duplicate}", headers=world.as_("admin"))
    ).status_code == 404


async def test_removing_the_last_profile_anonymises_the_usager(world: Directory):
    user_id = await new_user(world, email="anonyme@exemple.fr")
    url = f"/api/v1/user_profiles?user_id={user_id}&organisation_id={world.ids['org_a']}"
    assert (await world.client.delete(url, headers=world.as_("basic"))).status_code == 204
    state = payload((await world.outbox("user.updated"))[-1])
    assert state["last_name"] == "Usager supprimé" and state["email"] is None and state["anonymised_at"]


async def test_usager_with_upcoming_rdv_is_not_removed_from_the_organisation(world: Directory):
    user_id = await new_user(world)
    await book(world, await new_motif(world), world.ids["basic"], user_id)
    url = f"/api/v1/user_profiles?user_id={user_id}&organisation_id={world.ids['org_a']}"
    assert (await world.client.delete(url, headers=world.as_("basic"))).status_code == 409


async def test_retention_deletes_usagers_inactive_for_two_years_with_the_rgpd_reason(world: Directory):
    from directory.application.delete_inactive_users import delete_inactive_users

    idle, with_rdv, recent = await new_user(world), await new_user(world), await new_user(world)
    await book(world, await new_motif(world), world.ids["basic"], with_rdv, days=-800)
    async with world.database.engine.begin() as conn:
        from sqlalchemy import text

        await conn.execute(
            text("UPDATE users SET updated_at = now() - interval '3 years' WHERE id = ANY(:ids)"),
            {"ids": [idle, with_rdv]},
        )
    assert await delete_inactive_users(world.ctx) == 1
    deleted = [json.loads(r["value"]) for r in await world.outbox("user.deleted")]
    assert [(d["payload"]["id"], d["payload"]["reason"]) for d in deleted] == [(idle, "rgpd")]
    assert payload((await world.outbox("user_profile.deleted"))[-1])["reason"] == "rgpd"
    assert (await world.client.get(f"/api/v1/users/{recent}", headers=world.as_("basic"))).status_code == 200


async def test_invalid_motif_is_refused_with_the_field_and_the_reason(world: Directory):
    org = world.ids["org_a"]
    bad = {"name": "Atelier", "service_id": world.ids["pmi"], "collectif": True, "location_type": "phone"}
    response = await world.client.post(
        f"/api/v1/organisations/{org}/motifs", json=bad, headers=world.as_("admin")
    )
    assert response.status_code == 422 and "collectif" in response.json()["errors"]
    secretariat = {"name": "Accueil", "service_id": world.ids["secretariat_service"]}
    response = await world.client.post(
        f"/api/v1/organisations/{org}/motifs", json=secretariat, headers=world.as_("admin")
    )
    assert response.status_code == 422 and "service_id" in response.json()["errors"]
    await new_motif(world, "Doublon")
    duplicate = {"name": "Doublon", "service_id": world.ids["pmi"]}
    assert (
        await world.client.post(
            f"/api/v1/organisations/{org}/motifs", json=duplicate, headers=world.as_("admin")
        )
    ).status_code == 409
