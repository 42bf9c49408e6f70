"""Typed settings loaded from environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class SettingsError(RuntimeError):
    pass


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"not a boolean: {value!r}")


@dataclass(frozen=True)
class Settings:
    database_url: str
    debug: bool = False
    workers: int = 4
    data_dir: Path = Path("/var/lib/app")
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        try:
            url = env["DATABASE_URL"]
        except KeyError:
            raise SettingsError("DATABASE_URL is required") from None
        hosts = tuple(h.strip() for h in env.get("ALLOWED_HOSTS", "").split(",") if h.strip())
        try:
            workers = int(env.get("WORKERS", "4"))
        except ValueError as exc:
            raise SettingsError("WORKERS must be an integer") from exc
        return cls(
            database_url=url,
            debug=_bool(env.get("DEBUG", "false")),
            workers=workers,
            data_dir=Path(env.get("DATA_DIR", "/var/lib/app")),
            allowed_hosts=hosts,
        )
