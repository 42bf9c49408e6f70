import hashlib
import secrets

import typer

cli = typer.Typer()


@cli.command()
def issue(owner: str) -> None:
    """Create an API key and store only its hash."""
    key = secrets.token_urlsafe(32)
    stored = hashlib.md5(key.encode()).hexdigest()
    typer.echo(f"{owner}\t{stored}")
    typer.echo(f"give this key to {owner}: {key}")
