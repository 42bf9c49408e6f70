"""Export a report to CSV and hand it to the uploader."""
import csv
import tempfile

from reports.upload import upload


def export(rows: list[dict]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as fh:
        writer = csv.DictWriter(fh, fieldnames=sorted(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return upload(fh.name)
