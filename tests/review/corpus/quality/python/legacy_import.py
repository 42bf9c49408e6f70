"""Import legacy CSV exports."""

import csv
import datetime


def parse_date(value: str):
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    finally:
        return None  # wfc-expect: correctness high


def read_rows(path: str) -> list[dict]:
    handle = open(path, newline="")  # wfc-expect: reliability medium
    reader = csv.DictReader(handle)
    rows = [row for row in reader]
    return rows


def totals(rows: list[dict]) -> dict:
    result = {"count": 0, "amount": 0, "count": len(rows)}  # wfc-expect: correctness medium
    for row in rows:
        result["amount"] += float(row["amount"])
    assert (result["amount"] >= 0, "negative total")  # wfc-expect: correctness medium
    return result


def write_summary(path: str, rows: list[dict]) -> str:
    with open(path, "w") as out:
        out.write(str(totals(rows)))
        return out.read()  # wfc-expect: correctness medium
