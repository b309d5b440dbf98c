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


def subscribe(broker: KafkaBroker, processor: InboxProcessor, topics: Sequence[str]) -> None:
    """Consumer group = the processor's consumer name. NACK_ON_ERROR: only infrastructure errors
    escape the processor, and those rewind the partition instead of committing past the record."""

    async def on_record(message: KafkaMessage) -> None:
        await processor.process(IncomingRecord.from_consumer_record(message.raw_message))

    on_record.__name__ = f"{processor.consumer}_on_record"
    broker.subscriber(
        *topics,
        group_id=processor.consumer,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        title=processor.consumer,
    )(on_record)
