import sqlite3
from contextlib import closing


def find_user(db_path: str, email: str) -> tuple | None:
    """Parameterised lookup; the connection is closed even on error."""
    with closing(sqlite3.connect(db_path)) as conn:
        row = conn.execute("SELECT id, name FROM users WHERE email = ?", (email,)).fetchone()
    return row
