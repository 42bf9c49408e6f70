import sqlite3


def order_counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    customers = conn.execute("SELECT id, name FROM customers").fetchall()
    for cid, name in customers:
        row = conn.execute("SELECT COUNT(*) FROM orders WHERE customer_id = ?", (cid,)).fetchone()
        counts[name] = row[0]
    return counts
