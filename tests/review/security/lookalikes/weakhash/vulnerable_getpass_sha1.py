"""CLI adding a user to a local credentials file."""
import getpass
import hashlib


def add_user(user: str) -> str:
    pw = getpass.getpass()
    digest = hashlib.sha1(pw.encode()).hexdigest()
    return f"{user}:{digest}"
