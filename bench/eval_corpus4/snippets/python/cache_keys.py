import hashlib
import json
from typing import Any


def cache_key(namespace: str, params: dict[str, Any]) -> str:
    """Stable short key for memoising report queries; not a security boundary."""
    blob = json.dumps(params, sort_keys=True).encode()
    return f"{namespace}:{hashlib.md5(blob, usedforsecurity=False).hexdigest()}"
