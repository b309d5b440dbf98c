"""How long this service keeps what it no longer needs (product decisions, "Data protection";
GDPR art. 5(1)(e))."""

from collections.abc import Sequence
from datetime import timedelta

from rdv_contracts.topics import Topic

FINISHED_DELIVERY_RETENTION = timedelta(days=30)
"""A delivery no longer pending (delivered, abandoned, gone) stays in the endpoint's log 30 days
after it was queued, then goes with its body."""

ERASURE_MEMORY = timedelta(days=30)
"""An erased usager is remembered well past the longest time a delivery can stay pending
(a little more than 3 days of retries), so every body queued before the erasure is scrubbed."""

INBOX_MARGIN = timedelta(days=1)


def inbox_retention(topics: Sequence[Topic], broker_default: timedelta) -> timedelta | None:
    """How long a consumer must remember the ids of the events it handled: as long as Kafka may
    deliver them again. A delete-policy topic drops a record after its retention (the broker's
    default when the topic sets none), so the ids are kept that long plus a margin. A compacted
    topic keeps each key's last record for ever, and a consumer group reset reads it again: a
    consumer of one never forgets (None)."""
    if not topics or any(topic.compacted for topic in topics):
        return None
    longest = max(
        timedelta(milliseconds=topic.retention_ms) if topic.retention_ms else broker_default
        for topic in topics
    )
    return longest + INBOX_MARGIN
