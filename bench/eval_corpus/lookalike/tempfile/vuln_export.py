"""Export a report to CSV and hand it to the uploader."""
import csv
import tempfile

from reports.upload import upload


def export(rows: list[dict]) -> str:
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=sorted(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return upload(path)
