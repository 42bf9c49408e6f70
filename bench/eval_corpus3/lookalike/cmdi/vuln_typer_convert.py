import os

import typer

cli = typer.Typer()


@cli.command()
def convert(source: str, fmt: str = "pdf") -> None:
    """Convert an office document the web uploader dropped into the inbox."""
    os.system("soffice --headless --convert-to " + fmt + " " + source)


if __name__ == "__main__":
    cli()
