"""Prometheus metrics, one registry per app so several apps (tests) never collide.

Labels are bounded: route templates (never raw paths), status codes, outcomes; a review id is
never a label, and a project id only when ``[metrics] project_labels`` asks for it.
"""

from __future__ import annotations

from prometheus_client import (
    GC_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
)

# ``*_created`` series (one per counter/histogram child) double the output and no dashboard
# reads them; prometheus_client's switch for this is process-wide.
disable_created_metrics()

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_REVIEW_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)


class Metrics:
    def __init__(self, project_labels: bool = False) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        # The standard process_* (CPU, memory, open fds, start time) and python_* metrics.
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        self.registry.register(GC_COLLECTOR)
        self.project_labels = project_labels
        review_labels = ["status", "project"] if project_labels else ["status"]
        self.review_requests = Counter(
            "wfc_review_requests_total",
            "Reviews by final outcome (completed, failed, cancelled) and submissions (submitted).",
            review_labels,
            registry=self.registry,
        )
        self.review_duration = Histogram(
            "wfc_review_duration_seconds",
            "Wall-clock time of a review run by the engine.",
            buckets=_REVIEW_BUCKETS,
            registry=self.registry,
        )
        self.active_reviews = Gauge(
            "wfc_active_reviews", "Reviews currently running.", registry=self.registry
        )
        self.worktree_pool_size = Gauge(
            "wfc_worktree_pool_size", "Review workspaces in use.", registry=self.registry
        )
        self.queue_depth = Gauge(
            "wfc_review_queue_depth", "Reviews waiting for a worker.", registry=self.registry
        )
        self.http_requests = Counter(
            "wfc_http_requests_total",
            "HTTP requests by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.http_latency = Histogram(
            "wfc_http_request_duration_seconds",
            "HTTP request latency by method and route template.",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.websockets_open = Gauge(
            "wfc_websockets_open", "Open WebSocket subscriptions.", registry=self.registry
        )
        self.rate_limited = Counter(
            "wfc_rate_limited_total",
            "Requests refused with 429, by scope (project or create).",
            ["scope"],
            registry=self.registry,
        )
        # Bounded: methods x route templates x status codes.
        self._http_children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        # Webhooks: never labelled by project or endpoint (tenants stay invisible to each other).
        self.webhook_attempts = Counter(
            "wfc_webhook_attempts_total",
            "Webhook delivery attempts by event type and result (success, http_error, timeout, "
            "refused, connection_error).",
            ["event", "result"],
            registry=self.registry,
        )
        self.webhook_attempt_duration = Histogram(
            "wfc_webhook_attempt_duration_seconds",
            "Wall-clock time of one webhook delivery attempt.",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.webhook_deliveries = Counter(
            "wfc_webhook_deliveries_total",
            "Webhook deliveries that ended, by event type and outcome (succeeded, failed).",
            ["event", "outcome"],
            registry=self.registry,
        )
        self.webhook_endpoints_disabled = Counter(
            "wfc_webhook_endpoints_disabled_total",
            "Webhook endpoints disabled after failing too many attempts in a row.",
            registry=self.registry,
        )
        self.quarantined_files = Gauge(
            "wfc_store_quarantined_files", "Corrupt store files moved aside at start-up.",
            registry=self.registry,
        )

    def observe_http(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count and time one request; label children are cached (``labels()`` is not free)."""
        key = (method, route, status)
        children = self._http_children.get(key)
        if children is None:
            children = (
                self.http_requests.labels(method, route, str(status)),
                self.http_latency.labels(method, route),
            )
            self._http_children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    def count_review(self, status: str, project_id: str) -> None:
        if self.project_labels:
            self.review_requests.labels(status=status, project=project_id).inc()
        else:
            self.review_requests.labels(status=status).inc()
