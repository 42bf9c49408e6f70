import hashlib
import json
import os
from pathlib import Path

import click


@click.command()
@click.argument("username")
@click.password_option()
def add_user(username: str, password: str) -> None:
    store = Path("users.json")
    users = json.loads(store.read_text()) if store.exists() else {}
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    users[username] = salt.hex() + ":" + digest.hex()
    store.write_text(json.dumps(users))


if __name__ == "__main__":
    add_user()
