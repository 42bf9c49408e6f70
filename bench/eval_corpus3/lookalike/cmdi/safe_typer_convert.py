import subprocess

import typer

cli = typer.Typer()
FORMATS = {"pdf", "odt", "docx"}


@cli.command()
def convert(source: str, fmt: str = "pdf") -> None:
    """Convert an office document the web uploader dropped into the inbox."""
    if fmt not in FORMATS:
        raise typer.BadParameter("unsupported format")
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--", source], check=True)


if __name__ == "__main__":
    cli()
