import json
import os
import tempfile

import click


@click.command()
@click.argument("records", type=click.File("r"))
def export(records) -> None:
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w") as fh:
        json.dump(json.load(records), fh)
    click.echo(path)


if __name__ == "__main__":
    export()
