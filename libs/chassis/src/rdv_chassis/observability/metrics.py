from collections.abc import Callable, Sequence
from typing import TypeVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.metrics import MetricWrapperBase

_M = TypeVar("_M", bound=MetricWrapperBase)


class Metrics:
    """Prometheus metrics of one app, on its own registry so several apps can live in one process."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self._metrics: dict[str, tuple[MetricWrapperBase, tuple[str, ...]]] = {}
        self.http_requests_total = self.counter(
            "http_requests_total", "HTTP requests handled", ("method", "route", "status")
        )
        self.http_request_duration_seconds = self.histogram(
            "http_request_duration_seconds", "HTTP request duration", ("method", "route")
        )

    def counter(self, name: str, documentation: str, labels: Sequence[str] = ()) -> Counter:
        return self._memoised(
            Counter, name, labels, lambda: Counter(name, documentation, labels, registry=self.registry)
        )

    def gauge(self, name: str, documentation: str, labels: Sequence[str] = ()) -> Gauge:
        return self._memoised(
            Gauge, name, labels, lambda: Gauge(name, documentation, labels, registry=self.registry)
        )

    def histogram(
        self,
        name: str,
        documentation: str,
        labels: Sequence[str] = (),
        buckets: Sequence[float] = Histogram.DEFAULT_BUCKETS,
    ) -> Histogram:
        return self._memoised(
            Histogram,
            name,
            labels,
            lambda: Histogram(name, documentation, labels, registry=self.registry, buckets=buckets),
        )

    def observe_request(self, method: str, route: str, status: int, duration: float) -> None:
        self.http_requests_total.labels(method=method, route=route, status=str(status)).inc()
        self.http_request_duration_seconds.labels(method=method, route=route).observe(duration)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def _memoised(self, kind: type[_M], name: str, labels: Sequence[str], create: Callable[[], _M]) -> _M:
        if name not in self._metrics:
            self._metrics[name] = (create(), tuple(labels))
        metric, known_labels = self._metrics[name]
        if not isinstance(metric, kind) or known_labels != tuple(labels):
            raise ValueError(f"metric {name!r} is already registered with another type or labels")
        return metric
