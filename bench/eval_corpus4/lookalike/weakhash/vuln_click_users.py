import hashlib
import json
from pathlib import Path

import click


@click.command()
@click.argument("username")
@click.password_option()
def add_user(username: str, password: str) -> None:
    store = Path("users.json")
    users = json.loads(store.read_text()) if store.exists() else {}
    users[username] = hashlib.sha1(password.encode()).hexdigest()
    store.write_text(json.dumps(users))


if __name__ == "__main__":
    add_user()
