"""CLI adding a user to a local credentials file."""
import getpass
import hashlib
import os


def add_user(user: str) -> str:
    pw = getpass.getpass()
    salt = os.urandom(16)
    digest = hashlib.scrypt(pw.encode(), salt=salt, n=2**14, r=8, p=1).hex()
    return f"{user}:{salt.hex()}:{digest}"
