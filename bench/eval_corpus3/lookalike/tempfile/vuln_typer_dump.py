import json

import typer


def main(table: str) -> None:
    rows = [{"table": table, "n": i} for i in range(10)]
    out = open("/tmp/" + table + "_dump.json", "w")
    json.dump(rows, out)
    out.close()
    typer.echo(out.name)


if __name__ == "__main__":
    typer.run(main)
