import hashlib


def git_blob_id(data: bytes) -> str:
    """Object id exactly as git computes it (SHA-1 is git's format, not our choice)."""
    header = b"blob %d\0" % len(data)
    return hashlib.sha1(header + data).hexdigest()
