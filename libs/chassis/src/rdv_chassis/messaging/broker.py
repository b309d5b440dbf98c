"""FastStream wiring: one broker per worker, subscribers that go through the inbox, the DLQ sink."""

from collections.abc import Sequence

from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from rdv_contracts.registry import dead_letter_topic

from rdv_chassis.messaging.inbox import InboxProcessor
from rdv_chassis.messaging.incoming import IncomingRecord


def new_broker(bootstrap_servers: str, client_id: str) -> KafkaBroker:
    return KafkaBroker(bootstrap_servers, client_id=client_id, acks="all", enable_idempotence=True)


class BrokerDeadLetters:
    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def dead_letter(self, record: IncomingRecord, reason: str) -> None:
        headers = {name: value.decode(errors="replace") for name, value in record.headers}
        headers |= {
            "dlq_reason": reason[:1000],
            "dlq_source_topic": record.topic,
            "dlq_source_partition": str(record.partition),
            "dlq_source_offset": str(record.offset),
        }
        await self._broker.publish(
            record.value or b"", topic=dead_letter_topic(record.topic), key=record.key, headers=headers
        )


BATCH_SIZE = 200
# FastStream sleeps this long again after an empty poll: it bounds the latency an idle subscriber adds.
BATCH_TIMEOUT_MS = 10


def subscribe(
    broker: KafkaBroker, processor: InboxProcessor, topics: Sequence[str], *, batch_size: int = BATCH_SIZE
) -> None:
    """Consumer group = the processor's consumer name. Records come in batches (one transaction and
    one offset commit per batch). NACK_ON_ERROR: only infrastructure errors escape the processor,
    and those rewind the partitions to the batch's first record instead of committing past it."""

    async def on_records(message: KafkaMessage) -> None:
        raw = message.raw_message
        records = raw if isinstance(raw, tuple) else (raw,)
        await processor.process_batch([IncomingRecord.from_consumer_record(record) for record in records])

    on_records.__name__ = f"{processor.consumer}_on_records"
    broker.subscriber(
        *topics,
        group_id=processor.consumer,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=batch_size,
        batch_timeout_ms=BATCH_TIMEOUT_MS,
        title=processor.consumer,
    )(on_records)
