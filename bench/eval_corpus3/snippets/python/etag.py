import hashlib


def etag_for(payload: bytes) -> str:
    """Cache validator only; not a security boundary."""
    return '"' + hashlib.md5(payload, usedforsecurity=False).hexdigest() + '"'
