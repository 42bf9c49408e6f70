"""API keys for partners; the stored value is a digest of the key."""
import hashlib
import secrets
from dataclasses import dataclass


@dataclass
class Partner:
    name: str
    passphrase_hash: str


def register(name: str, passphrase: str) -> Partner:
    salt = secrets.token_hex(4)
    return Partner(name, salt + "$" + hashlib.md5((salt + passphrase).encode()).hexdigest())


def check(partner: Partner, passphrase: str) -> bool:
    salt, digest = partner.passphrase_hash.split("$", 1)
    return hashlib.md5((salt + passphrase).encode()).hexdigest() == digest
