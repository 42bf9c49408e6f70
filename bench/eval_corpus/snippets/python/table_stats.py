import sqlite3

TABLE = "events"


def count_for(conn: sqlite3.Connection, kind: str) -> int:
    row = conn.execute(f"SELECT count(*) FROM {TABLE} WHERE kind = ?", (kind,)).fetchone()
    return int(row[0])
