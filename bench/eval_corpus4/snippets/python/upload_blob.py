import hashlib
from pathlib import Path


def digest_and_size(path: Path) -> tuple[str, int]:
    data = open(path, "rb").read()
    return hashlib.sha256(data).hexdigest(), len(data)
