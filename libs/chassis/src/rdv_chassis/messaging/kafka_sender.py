"""Publishes outbox records with aiokafka: acks=all, idempotence, a timeout around every batch."""

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer

from rdv_chassis.messaging.records import OutgoingRecord

log = logging.getLogger(__name__)


@dataclass
class SendResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    error: str | None = None


def new_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=0,  # the relay hands over a whole batch at once: nothing to wait for
        request_timeout_ms=15000,
    )


class KafkaSender:
    """Owns one producer; after a timeout the producer is rebuilt, because with idempotence
    aiokafka never expires a stuck batch by itself."""

    def __init__(self, bootstrap_servers: str, client_id: str, timeout_seconds: float) -> None:
        self._bootstrap = bootstrap_servers
        self._client_id = client_id
        self._timeout = timeout_seconds
        self._producer: AIOKafkaProducer | None = None

    async def send(self, batch: Sequence[tuple[int, OutgoingRecord]]) -> SendResult:
        result = SendResult()
        try:
            producer = await self._ready_producer()
            async with asyncio.timeout(self._timeout):
                futures = [
                    (
                        position,
                        await producer.send(
                            record.topic,
                            record.value,
                            key=record.key.encode(),
                            headers=record.kafka_headers(),
                        ),
                    )
                    for position, record in batch
                ]
                for position, future in futures:
                    try:
                        await future
                        result.sent.append(position)
                    except Exception as exc:  # one record refused: the rest of the batch may still land
                        result.failed.append(position)
                        result.error = repr(exc)
        except Exception as exc:  # timeout, broker gone, producer failed to start
            done = set(result.sent) | set(result.failed)
            result.failed.extend(position for position, _ in batch if position not in done)
            result.error = f"{type(exc).__name__}: {exc}"
            await self.reset()
        return result

    async def _ready_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = new_producer(self._bootstrap, self._client_id)
            try:
                async with asyncio.timeout(self._timeout):
                    await producer.start()
            except BaseException:
                await _stop_quietly(producer)
                raise
            self._producer = producer
        return self._producer

    async def reset(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await _stop_quietly(producer)

    async def close(self) -> None:
        await self.reset()


async def _stop_quietly(producer: AIOKafkaProducer) -> None:
    try:
        async with asyncio.timeout(5):
            await producer.stop()
    except Exception as exc:
        log.warning("kafka producer did not stop cleanly: %r", exc)
