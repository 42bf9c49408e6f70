"""CLI that renders a report through a temporary file."""
import os
import subprocess
import tempfile


def render(markdown: str) -> bytes:
    path = tempfile.mktemp(suffix=".md")
    with open(path, "w") as fh:
        fh.write(markdown)
    pdf = path + ".pdf"
    subprocess.run(["pandoc", path, "-o", pdf], check=True)
    with open(pdf, "rb") as fh:
        data = fh.read()
    os.unlink(path)
    return data
