"""The daily job deletes plages that ended more than a year ago, with events, and keeps the others."""

import json
from datetime import timedelta

from availability.adapters.unit_of_work import SqlAgendaUnitOfWork
from availability.application.delete_expired_plages import delete_expired_plages
from availability_api_testing import AGENT_11


def plage(first_day: str, recurrence=None):
    return {
        "agent_id": 11, "organisation_id": 1, "title": "P", "first_day": first_day, "start_time": "09:00",
        "end_time": "10:00", "motif_ids": [101], "lieu_id": 21, "recurrence": recurrence,
    }  # fmt: skip


async def test_plages_ended_more_than_a_year_ago_are_deleted_with_rgpd_events(service):
    bodies = {
        "old_once": plage("2025-01-10"),
        "old_recurring": plage("2024-06-03", {"every": "week", "until": "2025-02-01"}),
        "recent_once": plage("2025-12-01"),
        "open_ended": plage("2024-06-03", {"every": "week"}),
    }
    ids = {}
    for name, body in bodies.items():
        response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=AGENT_11)
        ids[name] = response.json()["plage_ouverture"]["id"]
    service.clock.now += timedelta(days=60)  # 1 May 2026
    deleted = await delete_expired_plages(lambda: SqlAgendaUnitOfWork(service.database), service.clock)
    assert deleted == 2
    listed = await service.client.get("/api/v1/plage_ouvertures?organisation_id=1", headers=AGENT_11)
    assert sorted(p["id"] for p in listed.json()["plage_ouvertures"]) == [
        ids["recent_once"],
        ids["open_ended"],
    ]
    deletions = [
        json.loads(v)["payload"] for t, _, v in await service.outbox() if t == "plage_ouverture.deleted"
    ]
    assert sorted(d["id"] for d in deletions) == sorted([ids["old_once"], ids["old_recurring"]])
    assert {d["reason"] for d in deletions} == {"rgpd"}
