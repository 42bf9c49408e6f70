"""Deduplicate uploaded files by content; the digest is only a storage key."""
import hashlib
from pathlib import Path

STORE = Path("/srv/blobs")


def blob_key(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def store(data: bytes) -> Path:
    target = STORE / blob_key(data)[:2] / blob_key(data)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target
