import json
import tempfile

import typer


def main(table: str) -> None:
    rows = [{"table": table, "n": i} for i in range(10)]
    with tempfile.NamedTemporaryFile("w", prefix=f"{table}_", suffix=".json", delete=False) as out:
        json.dump(rows, out)
    typer.echo(out.name)


if __name__ == "__main__":
    typer.run(main)
