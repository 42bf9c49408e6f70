"""Keys on disk: lookups by hash, last-used times written in batches, revocation kept, purge."""

from __future__ import annotations

import json
from pathlib import Path

from wfc_server.service.access import AccessService
from wfc_server.service.credentials import KeyHasher
from wfc_server.store.keys import SCOPE_READ, FileKeyStore


async def _service(tmp_path: Path) -> tuple[FileKeyStore, AccessService]:
    store = FileKeyStore(tmp_path)
    await store.load()
    return store, AccessService(store, KeyHasher.for_data_dir(tmp_path), "")


async def test_use_is_recorded_in_memory_and_written_only_by_a_flush(tmp_path: Path) -> None:
    store, access = await _service(tmp_path)
    key, secret = await access.create_key("p", "ci", [SCOPE_READ], None, "admin")
    path = tmp_path / "keys" / "p" / f"{key.key_id}.json"
    assert access.key_for("p", secret) is key
    assert access.key_for("other", secret) is None and access.key_for("p", secret + "x") is None
    assert key.last_used_at is not None
    assert json.loads(path.read_text())["last_used_at"] is None  # no write per request
    assert await access.flush() == 1
    assert json.loads(path.read_text())["last_used_at"] == key.last_used_at
    assert await access.flush() == 0
    assert secret not in path.read_text()


async def test_revoked_and_expired_keys_are_refused_and_stay_revoked_after_reload(tmp_path: Path) -> None:
    store, access = await _service(tmp_path)
    key, secret = await access.create_key("p", "ci", [SCOPE_READ], None, "admin")
    old, old_secret = await access.create_key("p", "old", [SCOPE_READ], "2000-01-01T00:00:00Z", "admin")
    assert access.key_for("p", old_secret) is None
    assert [k.key_id for k in await access.newly_expired()] == [old.key_id]
    assert await access.newly_expired() == []
    await access.revoke(key)
    assert access.key_for("p", secret) is None
    reloaded_store, reloaded = await _service(tmp_path)
    assert reloaded.key_for("p", secret) is None
    assert await reloaded.newly_expired() == []  # reported once, durably
    assert await reloaded.adopt_legacy_key("p", key.key_hash, key.created_at) is None  # never resurrected
    await reloaded.purge_project("p")
    assert not (tmp_path / "keys" / "p").exists() and reloaded_store.for_project("p") == []
