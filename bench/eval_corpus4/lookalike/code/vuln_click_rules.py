import click


@click.command()
@click.option("--rule", required=True, help="python expression over `row`")
@click.argument("rows", type=click.File("r"))
def filter_rows(rule: str, rows) -> None:
    check = compile(rule, "<rule>", "eval")
    for line in rows:
        row = line.rstrip("\n").split(",")
        if eval(check, {"row": row}):
            click.echo(line, nl=False)


if __name__ == "__main__":
    filter_rows()
