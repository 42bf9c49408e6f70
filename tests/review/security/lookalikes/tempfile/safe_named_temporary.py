"""Spools an export to a private temporary file."""
import tempfile


def spool(job_id: int, rows: list) -> str:
    with tempfile.NamedTemporaryFile("w", prefix=f"export-{job_id}-", suffix=".csv", delete=False) as fh:
        fh.write("\n".join(map(str, rows)))
    return fh.name
