import operator

import click

OPS = {"eq": operator.eq, "ne": operator.ne, "contains": operator.contains}


@click.command()
@click.option("--column", type=int, required=True)
@click.option("--op", type=click.Choice(sorted(OPS)), required=True)
@click.option("--value", required=True)
@click.argument("rows", type=click.File("r"))
def filter_rows(column: int, op: str, value: str, rows) -> None:
    check = OPS[op]
    for line in rows:
        row = line.rstrip("\n").split(",")
        if check(row[column], value):
            click.echo(line, nl=False)


if __name__ == "__main__":
    filter_rows()
