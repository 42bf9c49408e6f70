import subprocess
import tempfile
from pathlib import Path


def render_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html)
        out = Path(tmp) / "page.pdf"
        subprocess.run(["wkhtmltopdf", str(src), str(out)], check=True)
        return out.read_bytes()
