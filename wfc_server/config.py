"""One settings object, built from defaults <- config/*.toml <- WFC_* environment <- CLI flags.

Each TOML section maps to a frozen dataclass; every field is a key. Environment names are
``WFC_<SECTION>_<KEY>`` (``WFC_RATE_LIMIT_CAPACITY``), except the ``[server]`` section whose keys
are top-level (``WFC_PORT``, ``WFC_MAX_BODY_BYTES``, ``WFC_LOG_LEVEL``). Unknown keys and bad
values are errors at start-up, not surprises later.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wfc_server.cpus import usable_cpus
from wfc_server.review.settings import EngineSettings, PoolSettings, RepoSettings


class ConfigError(ValueError):
    """A config file, environment variable or flag has a wrong name or value."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    # Interface and port to listen on.
    host: str = "127.0.0.1"
    port: int = 9950
    # Where projects, reviews and workspaces are stored.
    data_dir: str = "~/.wfc"
    # debug, info, warning, error.
    log_level: str = "info"
    # Largest request body accepted, in bytes (413 above it).
    max_body_bytes: int = 1_048_576
    # Seconds a SIGTERM drain waits for running reviews before requeueing them.
    drain_grace_seconds: float = 30.0
    # Trust X-Forwarded-For for the client address (only behind your own proxy).
    trust_forwarded_for: bool = False
    # Seconds an idle keep-alive connection, or one still sending its request headers, is kept.
    keepalive_timeout_seconds: float = 15.0
    # Seconds a request body may take to arrive in full (408 after).
    body_timeout_seconds: float = 60.0
    # Open connections in total (0 = derived from the open-file limit) and per client address;
    # past them the oldest idle connection is closed, or the new one answered 503.
    max_connections: int = 0
    max_connections_per_address: int = 256


@dataclass(frozen=True, slots=True)
class RateLimitSettings:
    # Per-project token bucket: burst size and tokens added per second.
    capacity: int = 10
    refill_rate: float = 10.0
    # Unauthenticated project creation, per client address.
    create_capacity: int = 20
    create_refill_rate: float = 1.0
    # The same, per address prefix (IPv4 /24, IPv6 /64): many addresses of one network share it.
    create_prefix_capacity: int = 60
    create_prefix_refill_rate: float = 1.0


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    # Concurrent review workers (0 = one per CPU this process may use: affinity, cgroup quota).
    workers: int = 0
    # A review still running after this many seconds ends `failed`.
    timeout_seconds: float = 600.0
    # Reviews waiting for a worker before submit answers 503.
    queue_size: int = 1000
    # Restarts a review may be resumed across before it ends `failed`.
    max_attempts: int = 3
    # Reviews one project may have waiting before submit answers 429.
    max_queued_per_project: int = 100
    # Reviews of one project running at once (0 = one fewer than the workers, at least 1), so
    # another project's review always finds a worker soon.
    max_running_per_project: int = 0


@dataclass(frozen=True, slots=True)
class WebSocketSettings:
    # Seconds between server pings.
    heartbeat_seconds: float = 20.0
    # Events buffered per subscriber; a consumer that falls further behind is disconnected.
    send_buffer: int = 256
    # Finished reviews whose event history is kept for `?after=` resumes.
    history_reviews: int = 1000


@dataclass(frozen=True, slots=True)
class MetricsSettings:
    # Add a `project` label to review metrics (cardinality grows with projects).
    project_labels: bool = False


@dataclass(frozen=True, slots=True)
class AuthSettings:
    # Who may create and list projects: open (anyone), admin (the admin token) or closed.
    registration: str = "open"
    # The operator's admin token (Bearer, no X-Project-ID). Empty: one is generated at first
    # start and printed once to stderr; only its keyed hash is kept.
    admin_token: str = ""
    # Failed authentications per client address: burst, then this many per second.
    failure_burst: int = 100
    failure_refill_rate: float = 1.0
    # Seconds between writes of keys' last_used_at (batched, never one fsync per request).
    last_used_flush_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    # Allow targets in loopback, link-local and private ranges (tests, trusted networks).
    allow_private_targets: bool = False
    # Attempts per delivery, the first retry delay (doubling, with jitter) and its cap.
    max_attempts: int = 12
    retry_base_seconds: float = 30.0
    retry_max_seconds: float = 7200.0
    # Consecutive failed attempts after which an endpoint is disabled.
    disable_after_failures: int = 36
    # Seconds one attempt may take (connect, send, response headers and prefix).
    timeout_seconds: float = 5.0
    # Seconds the previous secret keeps signing after a rotation.
    rotation_grace_seconds: float = 86400.0
    # Base URL put in payload links (e.g. https://wfc.example.com); empty: a relative link.
    public_url: str = ""
    # Finished deliveries kept per endpoint for the attempt log.
    keep_deliveries: int = 200


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    # Hours an Idempotency-Key of POST /v1/reviews/ is remembered (per project).
    idempotency_hours: float = 24.0


@dataclass(frozen=True, slots=True)
class StoreSettings:
    # Where shared state lives: embedded (files in data_dir, one process) or postgres (replicas).
    backend: str = "embedded"
    # libpq connection string of the postgres backend (a direct or session-mode-pooled connection).
    dsn: str = ""
    # Seconds a replica's claim on a running review lasts without renewal (renewed every second).
    lease_seconds: float = 30.0
    # Database connections per replica.
    pool_size: int = 10
    # Most tokens of a project's rate-limit bucket a replica takes at once and spends locally for
    # up to a second (never more than a twentieth of the capacity); 1: every request asks the database.
    rate_lease_tokens: int = 64


@dataclass(frozen=True, slots=True)
class Settings:
    server: ServerSettings = field(default_factory=ServerSettings)
    rate_limit: RateLimitSettings = field(default_factory=RateLimitSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    websocket: WebSocketSettings = field(default_factory=WebSocketSettings)
    metrics: MetricsSettings = field(default_factory=MetricsSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    pool: PoolSettings = field(default_factory=PoolSettings)
    repos: RepoSettings = field(default_factory=RepoSettings)
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    store: StoreSettings = field(default_factory=StoreSettings)

    @property
    def data_path(self) -> Path:
        return Path(self.server.data_dir).expanduser().resolve()

    @property
    def worker_count(self) -> int:
        return self.review.workers or usable_cpus()


def env_name(section: str, key: str) -> str:
    prefix = "WFC_" if section == "server" else f"WFC_{section.upper()}_"
    return prefix + key.upper()


def _field_type(cls: type, name: str) -> Any:
    return typing.get_type_hints(cls)[name]


def _coerce(value: Any, kind: Any, where: str) -> Any:
    """Turn a TOML or environment value into the field's type, or raise ConfigError."""
    origin = typing.get_origin(kind)
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if kind is int:
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if kind is str:
            if not isinstance(value, str):
                raise ValueError(value)
            return value
        if origin is tuple or origin is list:
            if isinstance(value, str):
                items = [part.strip() for part in value.replace(os.pathsep, ",").split(",")]
                return tuple(item for item in items if item)
            if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                return tuple(value)
            raise ValueError(value)
        if origin in (typing.Union, types.UnionType):
            raise ValueError(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {value!r} is not a valid {getattr(kind, '__name__', kind)}") from None
    raise ConfigError(f"{where}: unsupported setting type {kind!r}")


def _merge(settings: Settings, overrides: Mapping[str, Mapping[str, Any]], source: str) -> Settings:
    sections: dict[str, Any] = {}
    for section_name, values in overrides.items():
        if not hasattr(settings, section_name):
            raise ConfigError(f"{source}: unknown section [{section_name}]")
        section = getattr(settings, section_name)
        known = {f.name for f in dataclasses.fields(section)}
        changes = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"{source}: unknown key {section_name}.{key}")
            kind = _field_type(type(section), key)
            changes[key] = _coerce(value, kind, f"{source} {section_name}.{key}")
        sections[section_name] = dataclasses.replace(section, **changes)
    return dataclasses.replace(settings, **sections)


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    flags: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then WFC_* variables, then flags."""
    settings = Settings()
    if config_file is not None:
        path = Path(config_file).expanduser()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        for name, value in data.items():
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: top-level key {name!r} must be a [section]")
        settings = _merge(settings, data, str(path))

    environ = os.environ if environ is None else environ
    from_env: dict[str, dict[str, Any]] = {}
    known_env: set[str] = set()
    for section_field in dataclasses.fields(settings):
        section = getattr(settings, section_field.name)
        for key_field in dataclasses.fields(section):
            name = env_name(section_field.name, key_field.name)
            known_env.add(name)
            if name in environ:
                from_env.setdefault(section_field.name, {})[key_field.name] = environ[name]
    settings = _merge(settings, from_env, "environment")
    if flags:
        given = {name: {k: v for k, v in keys.items() if v is not None} for name, keys in flags.items()}
        settings = _merge(settings, given, "command line")
    _check(settings)
    return settings


def _check(settings: Settings) -> None:
    """Reject values that would make the service misbehave rather than fail loudly later."""
    problems = []
    if not 0 < settings.server.port < 65536:
        problems.append("server.port must be 1-65535")
    if settings.server.max_body_bytes < 1024:
        problems.append("server.max_body_bytes must be at least 1024")
    if settings.server.log_level.lower() not in {"debug", "info", "warning", "error"}:
        problems.append("server.log_level must be debug, info, warning or error")
    if settings.rate_limit.capacity < 1 or settings.rate_limit.refill_rate <= 0:
        problems.append("rate_limit.capacity must be >= 1 and rate_limit.refill_rate > 0")
    if settings.rate_limit.create_prefix_capacity < 1 or settings.rate_limit.create_prefix_refill_rate <= 0:
        problems.append("rate_limit.create_prefix_capacity must be >= 1 and create_prefix_refill_rate > 0")
    if settings.server.keepalive_timeout_seconds <= 0 or settings.server.body_timeout_seconds <= 0:
        problems.append("server.keepalive_timeout_seconds and body_timeout_seconds must be > 0")
    if settings.server.max_connections < 0 or settings.server.max_connections_per_address < 1:
        problems.append("server.max_connections must be >= 0 and max_connections_per_address >= 1")
    if settings.engine.max_line_chars < 1 or settings.engine.worker_memory_mb < 0:
        problems.append("engine.max_line_chars must be >= 1 and engine.worker_memory_mb >= 0")
    if settings.rate_limit.create_capacity < 1 or settings.rate_limit.create_refill_rate <= 0:
        problems.append("rate_limit.create_capacity must be >= 1 and create_refill_rate > 0")
    if settings.review.workers < 0 or settings.review.queue_size < 1:
        problems.append("review.workers must be >= 0 and review.queue_size >= 1")
    if settings.review.max_queued_per_project < 1 or settings.review.max_running_per_project < 0:
        problems.append("review.max_queued_per_project must be >= 1 and max_running_per_project >= 0")
    if settings.review.timeout_seconds <= 0:
        problems.append("review.timeout_seconds must be > 0")
    if settings.pool.max_worktrees < 1:
        problems.append("pool.max_worktrees must be >= 1")
    if settings.websocket.send_buffer < 1:
        problems.append("websocket.send_buffer must be >= 1")
    if settings.auth.registration not in {"open", "admin", "closed"}:
        problems.append("auth.registration must be open, admin or closed")
    if settings.auth.failure_burst < 1 or settings.auth.failure_refill_rate <= 0:
        problems.append("auth.failure_burst must be >= 1 and auth.failure_refill_rate > 0")
    hooks = settings.webhooks
    if hooks.max_attempts < 1 or hooks.retry_base_seconds < 0 or hooks.timeout_seconds <= 0:
        problems.append("webhooks.max_attempts must be >= 1, retry_base_seconds >= 0, timeout_seconds > 0")
    if settings.pipeline.idempotency_hours <= 0:
        problems.append("pipeline.idempotency_hours must be > 0")
    store = settings.store
    if store.backend not in {"embedded", "postgres"}:
        problems.append("store.backend must be embedded or postgres")
    elif store.backend == "postgres" and not store.dsn:
        problems.append("store.dsn is required with store.backend = postgres")
    if store.lease_seconds < 2 or store.pool_size < 2:
        problems.append("store.lease_seconds must be >= 2 and store.pool_size >= 2")
    if store.rate_lease_tokens < 1:
        problems.append("store.rate_lease_tokens must be >= 1")
    if problems:
        raise ConfigError("; ".join(problems))


_SECRET_KEYS = frozenset({"admin_token", "dsn"})  # a DSN may hold a password


def describe(settings: Settings) -> dict[str, dict[str, Any]]:
    """The effective settings as plain data (for the start-up log line), secrets masked."""
    out = {f.name: dataclasses.asdict(getattr(settings, f.name)) for f in dataclasses.fields(settings)}
    for section in out.values():
        for key in _SECRET_KEYS & section.keys():
            section[key] = "[set]" if section[key] else ""
    return out


def describe_changes(settings: Settings) -> dict[str, dict[str, Any]]:
    """Only the keys that differ from the built-in defaults (a short start-up log field)."""
    defaults = describe(Settings())
    changed: dict[str, dict[str, Any]] = {}
    for section, values in describe(settings).items():
        diff = {key: value for key, value in values.items() if defaults[section].get(key) != value}
        if diff:
            changed[section] = diff
    return changed
