import os
import subprocess

from celery import shared_task


@shared_task
def render_pdf(html: str, job_id: int) -> bytes:
    src = "/tmp/render-%d.html" % job_id
    with open(src, "w") as fh:
        fh.write(html)
    out = src.replace(".html", ".pdf")
    subprocess.run(["wkhtmltopdf", src, out], check=True)
    with open(out, "rb") as fh:
        data = fh.read()
    os.remove(src)
    os.remove(out)
    return data
