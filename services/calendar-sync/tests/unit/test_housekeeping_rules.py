import asyncio
from datetime import timedelta

import pytest
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.domain.retention import INBOX_MARGIN, inbox_retention
from calendar_sync.entrypoints.periodic import run_periodically
from calendar_sync.entrypoints.subscriptions import inbox_retentions
from rdv_contracts.registry import TOPICS

WEEK = timedelta(days=7)


def test_a_delete_policy_topic_is_remembered_for_its_retention_plus_a_margin():
    assert inbox_retention([TOPICS["booking.rdv"]], broker_default=WEEK) == WEEK + INBOX_MARGIN
    assert inbox_retention([TOPICS["booking.rdv"]], broker_default=timedelta(days=3)) == timedelta(days=4)
    alerts = TOPICS["calendar_sync.alert"]
    assert inbox_retention([alerts], broker_default=timedelta(days=30)) == WEEK + INBOX_MARGIN


def test_the_longest_retention_of_a_consumers_topics_wins():
    topics = [TOPICS["booking.rdv"], TOPICS["booking.rdv.link_locked"]]
    assert inbox_retention(topics, broker_default=timedelta(days=10)) == timedelta(days=11)


def test_a_consumer_of_a_compacted_topic_never_forgets():
    assert inbox_retention([TOPICS["booking.rdv"], TOPICS["directory.user"]], broker_default=WEEK) is None


def test_only_the_inboxes_of_delete_policy_topics_are_purged_with_the_brokers_week():
    assert inbox_retentions(CalendarSyncSettings()) == {
        "calendar-sync.rdvs": WEEK + INBOX_MARGIN,
        "calendar-sync.user_merges": WEEK + INBOX_MARGIN,
    }


async def test_the_periodic_job_runs_again_after_a_failure():
    runs: list[int] = []

    async def job() -> None:
        runs.append(len(runs))
        if len(runs) == 1:
            raise ConnectionError("database restarting")

    task = asyncio.create_task(run_periodically("housekeeping", job, interval_seconds=0.01))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(runs) >= 3
