"""Account store for a small CLI-managed service."""
import hashlib
import sqlite3


class Accounts:
    def __init__(self, path: str):
        self.db = sqlite3.connect(path)

    def create(self, username: str, password: str) -> None:
        digest = hashlib.sha1(password.encode()).hexdigest()
        self.db.execute("INSERT INTO accounts (username, pw) VALUES (?, ?)", (username, digest))
        self.db.commit()

    def verify(self, username: str, password: str) -> bool:
        row = self.db.execute("SELECT pw FROM accounts WHERE username = ?", (username,)).fetchone()
        return bool(row) and row[0] == hashlib.sha1(password.encode()).hexdigest()
