"""Who is calling and what they may do: project keys with scopes, and the operator's token.

A request's bearer token is hashed once with the installation's keyed hash and looked up by
that hash (one dict probe, never a scan); the stored hash is then compared in constant time.
The admin token is held only as its keyed hash, whether it came from config or was generated.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wfc_server.service.credentials import KEY_PREFIX, KeyHasher, generate_api_key
from wfc_server.store.keys import ALL_SCOPES, KeyRecord, KeyStore
from wfc_server.store.records import utc_now

ADMIN_PREFIX = "wfc_admin_"
ADMIN = "admin"
_ADMIN_HASH_FILE = "admin.token.hash"
_PREFIX_CHARS = len(KEY_PREFIX) + 6


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller: the operator, or one key of one project."""

    key: KeyRecord | None  # None for the operator

    @property
    def is_admin(self) -> bool:
        return self.key is None

    @property
    def actor(self) -> str:
        return ADMIN if self.key is None else self.key.key_id

    @property
    def scopes(self) -> tuple[str, ...]:
        return ALL_SCOPES if self.key is None else tuple(self.key.scopes)

    def can(self, scope: str) -> bool:
        return self.key is None or scope in self.key.scopes


def parse_time(value: str) -> datetime:
    """An ISO 8601 time; naive times are UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_expired(key: KeyRecord, now: datetime | None = None) -> bool:
    return key.expires_at is not None and parse_time(key.expires_at) <= (now or datetime.now(UTC))


def load_admin_hash(data_dir: Path, configured: str, hasher: KeyHasher, *, generate: bool) -> tuple[str, str | None]:
    """The admin token's hash ("" when there is none), and the token only when generated just now.

    A configured token wins. Otherwise the hash stored at an earlier start is used; with none
    stored and ``generate`` set (registration is not open), a token is generated and only its
    hash is kept (0600): the caller prints it once.
    """
    if configured:
        return hasher.hash(configured), None
    path = data_dir / _ADMIN_HASH_FILE
    try:
        return path.read_text(encoding="ascii").strip(), None
    except FileNotFoundError:
        if not generate:
            return "", None
    token = ADMIN_PREFIX + secrets.token_urlsafe(32)
    digest = hasher.hash(token)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, digest.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return digest, token


class AccessService:
    def __init__(self, keys: KeyStore, hasher: KeyHasher, admin_hash: str) -> None:
        self._keys = keys
        self._hasher = hasher
        self._admin_hash = admin_hash
        self._clock = (0.0, "")  # (second it holds, that second as ISO text): last-used times are per second

    def use_admin_hash(self, admin_hash: str) -> None:
        """The admin token's hash as a shared backend keeps it (read at start-up)."""
        self._admin_hash = admin_hash

    def is_admin_token(self, token: str) -> bool:
        matches = hmac.compare_digest(self._hasher.hash(token), self._admin_hash or "-" * 64)
        return matches and bool(self._admin_hash)

    def key_for(self, project_id: str, token: str) -> KeyRecord | None:
        """The live key of ``project_id`` this token is, or None (unknown, revoked, expired)."""
        digest = self._hasher.hash(token)
        key = self._keys.by_hash(digest)  # a probe by keyed hash: its timing reveals nothing
        if key is None or not hmac.compare_digest(key.key_hash, digest):
            return None
        if key.project_id != project_id or key.revoked_at is not None:
            return None
        if is_expired(key):
            return None
        self._keys.touch(key, self._now_text())
        return key

    async def lookup(self, project_id: str, token: str) -> KeyRecord | None:
        """As :meth:`key_for`; a key this replica has not seen yet is looked for in the shared store."""
        key = self.key_for(project_id, token)
        if key is None and await self._keys.find(self._hasher.hash(token)) is not None:
            key = self.key_for(project_id, token)
        return key

    def _now_text(self) -> str:
        now = time.time()
        second, text = self._clock
        if now - second >= 1.0 or not text:
            text = utc_now()
            self._clock = (now, text)
        return text

    async def create_key(
        self, project_id: str, name: str, scopes: list[str], expires_at: str | None, created_by: str
    ) -> tuple[KeyRecord, str]:
        """A new key (stored before it is returned) and its secret, which is never stored."""
        secret = generate_api_key()
        record = KeyRecord(
            key_id="key_" + secrets.token_hex(8),
            project_id=project_id,
            name=name,
            prefix=secret[:_PREFIX_CHARS],
            key_hash=self._hasher.hash(secret),
            created_at=utc_now(),
            scopes=[s for s in ALL_SCOPES if s in scopes],
            expires_at=expires_at,
            created_by=created_by,
        )
        await self._keys.save(record)
        return record, secret

    async def adopt_legacy_key(self, project_id: str, key_hash: str, created_at: str) -> KeyRecord | None:
        """A project stored before keys had records: its one key becomes a full-scope record."""
        if self._keys.by_hash(key_hash) is not None:
            return None
        record = KeyRecord(
            key_id="key_" + secrets.token_hex(8), project_id=project_id, name="initial",
            prefix=KEY_PREFIX + "…", key_hash=key_hash, created_at=created_at, scopes=list(ALL_SCOPES),
            created_by=ADMIN,
        )
        await self._keys.save(record)
        return record

    def live_keys(self, project_id: str) -> list[KeyRecord]:
        return [k for k in self._keys.for_project(project_id) if k.revoked_at is None]

    def key(self, project_id: str, key_id: str) -> KeyRecord | None:
        key = self._keys.get(project_id, key_id)
        return key if key is not None and key.revoked_at is None else None

    async def purge_key(self, key: KeyRecord) -> None:
        """Forget a key that was never handed out (its project could not be stored)."""
        await self._keys.delete(key)

    async def revoke(self, key: KeyRecord) -> None:
        key.revoked_at = utc_now()
        await self._keys.save(key)

    async def newly_expired(self, project_id: str | None = None) -> list[KeyRecord]:
        """Keys (of one project, or all) whose expiry passed since the last call (each reported once, durably)."""
        now = datetime.now(UTC)
        found = []
        for key in self._keys.all():
            if project_id is not None and key.project_id != project_id:
                continue
            if key.revoked_at is None and not key.expiry_recorded and is_expired(key, now):
                key.expiry_recorded = True
                await self._keys.save(key)
                found.append(key)
        return found

    async def flush(self) -> int:
        return await self._keys.flush_last_used()

    async def purge_project(self, project_id: str) -> None:
        await self._keys.purge_project(project_id)
