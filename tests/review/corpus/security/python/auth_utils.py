"""Password handling for the legacy user store."""
import hashlib
import random
import string


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()  # wfc-expect: security high


def check_password(password: str, stored: str) -> bool:
    return hash_password(password) == stored


def make_reset_token(length: int = 32) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  # wfc-expect: security medium


def file_checksum(path: str) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()
