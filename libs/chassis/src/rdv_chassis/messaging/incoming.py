from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IncomingRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    @classmethod
    def from_consumer_record(cls, record: Any) -> "IncomingRecord":
        return cls(
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key,
            value=record.value,
            headers=tuple(record.headers or ()),
        )

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value.decode(errors="replace")
        return None

    @property
    def key_text(self) -> str:
        return self.key.decode(errors="replace") if self.key is not None else ""
