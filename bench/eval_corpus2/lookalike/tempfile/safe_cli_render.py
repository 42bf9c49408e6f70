"""CLI that renders a report through a private temporary directory."""
import subprocess
import tempfile
from pathlib import Path


def render(markdown: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.md"
        src.write_text(markdown)
        pdf = Path(tmp) / "report.pdf"
        subprocess.run(["pandoc", str(src), "-o", str(pdf)], check=True)
        return pdf.read_bytes()
