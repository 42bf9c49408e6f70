import subprocess
import tempfile
from pathlib import Path

from celery import shared_task


@shared_task
def render_pdf(html: str, job_id: int) -> bytes:
    with tempfile.TemporaryDirectory(prefix=f"render-{job_id}-") as work:
        src = Path(work) / "page.html"
        src.write_text(html)
        out = Path(work) / "page.pdf"
        subprocess.run(["wkhtmltopdf", str(src), str(out)], check=True)
        return out.read_bytes()
