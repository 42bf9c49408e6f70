"""Password handling with a slow KDF and secure tokens."""
import hashlib
import hmac
import os
import random
import secrets

ITERATIONS = 600_000


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return salt.hex() + ":" + key.hex()


def check_password(password: str, stored: str) -> bool:
    salt_hex, key_hex = stored.split(":")
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), ITERATIONS)
    return hmac.compare_digest(key.hex(), key_hex)


def make_reset_token() -> str:
    return secrets.token_urlsafe(32)


def cache_key(url: str) -> str:
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def shuffled_questions(questions):
    order = list(questions)
    random.shuffle(order)
    return order
