"""Account store for a small CLI-managed service."""
import hashlib
import hmac
import os
import sqlite3


class Accounts:
    def __init__(self, path: str):
        self.db = sqlite3.connect(path)

    def create(self, username: str, password: str) -> None:
        salt = os.urandom(16)
        digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
        self.db.execute("INSERT INTO accounts (username, salt, pw) VALUES (?, ?, ?)", (username, salt, digest))
        self.db.commit()

    def verify(self, username: str, password: str) -> bool:
        row = self.db.execute("SELECT salt, pw FROM accounts WHERE username = ?", (username,)).fetchone()
        if not row:
            return False
        return hmac.compare_digest(row[1], hashlib.scrypt(password.encode(), salt=row[0], n=2**14, r=8, p=1))
