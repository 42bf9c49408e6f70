"""Settings the review engine needs; the service's config object embeds these sections.

They live here (not in the service's config module) so the engine, its CLI and its tests can be
used without the HTTP service. Every field is a config key: ``[engine] reviewer_timeout_seconds``
in TOML, ``WFC_ENGINE_REVIEWER_TIMEOUT_SECONDS`` in the environment. Add a field with a default
and a comment and it becomes configurable; document it in ``config/default.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class EngineSettings:
    # Warm analysis processes kept ready (0 = one per CPU).
    process_pool_size: int = 0
    # One reviewer's wall-clock budget inside a review, in seconds.
    reviewer_timeout_seconds: float = 120.0
    # Budget for each git invocation, in seconds.
    git_timeout_seconds: float = 30.0
    # Caps: files reviewed per diff, bytes per file, findings per rule per file.
    max_files: int = 500
    max_file_bytes: int = 1_000_000
    max_findings_per_rule_per_file: int = 5
    # Files with a longer line are skipped (generated or minified code; every analyzer is slow on it).
    max_line_chars: int = 20_000
    # Address space of each analysis process, in MiB (0 = unlimited); a review exceeding it fails.
    worker_memory_mb: int = 3072
    # Verdict: a review passes when risk < pass_risk_below and nothing blocks.
    pass_risk_below: float = 7.0
    # A `high` finding from security or reliability blocks at this confidence or more.
    blocking_high_confidence: int = 80
    # Severity that always blocks ("critical", or "high" to be stricter, "none" to disable).
    blocking_severity: str = "critical"


@dataclass(frozen=True, slots=True)
class PoolSettings:
    # Most review workspaces alive at once; reviews wait for a free slot.
    max_worktrees: int = 10
    # Workspaces older than this and not in use are orphans, reaped at start and periodically.
    orphan_max_age_hours: float = 24.0
    # How often the reaper runs, in seconds.
    reap_interval_seconds: float = 3600.0


@dataclass(frozen=True, slots=True)
class RepoSettings:
    # Repository mode is off unless this lists roots; then only a repo_path under one of them
    # (symbolic links resolved) is read.
    allowed_roots: tuple[str, ...] = field(default_factory=tuple)
    # Whether two projects may register the same repository (else the second gets 409).
    allow_shared: bool = False
