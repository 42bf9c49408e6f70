"""Celery task spooling an export to a NamedTemporaryFile before upload."""
import tempfile

from celery import shared_task


@shared_task
def spool_export(job_id: int, rows: list) -> str:
    with tempfile.NamedTemporaryFile("w", prefix=f"export-{job_id}-", suffix=".csv", delete=False) as fh:
        for row in rows:
            fh.write(",".join(map(str, row)) + "\n")
    return fh.name
