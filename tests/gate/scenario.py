"""One file's history for gate tests: main has a SQL injection; a change moves it and adds another."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

PATH = "app/users.py"

MAIN = '''import sqlite3

from flask import request


def find_user(conn: sqlite3.Connection):
    name = request.args["name"]
    cursor = conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
    return cursor.fetchall()
'''

# The old query moves (into a class, re-indented, six lines down); a new one is added above it.
FEATURE = '''import sqlite3

from flask import request


class Users:
    def find_admin(self, conn: sqlite3.Connection):
        role = request.args["role"]
        cursor = conn.execute("SELECT * FROM admins WHERE role = '" + role + "'")
        return cursor.fetchall()

    def find_user(self, conn: sqlite3.Connection):
        name = request.args["name"]
        cursor = conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
        return cursor.fetchall()
'''

NEW_QUERY = '''        cursor = conn.execute("SELECT * FROM admins WHERE role = '" + role + "'")'''
REASON = "role comes from an allow-listed enum"
FEATURE_SUPPRESSED = FEATURE.replace(
    NEW_QUERY, f"        # wfc: ignore[WFC-SEC-SQLI] {REASON}\n{NEW_QUERY}"
)
FEATURE_BARE = FEATURE.replace(NEW_QUERY, f"        # wfc: ignore\n{NEW_QUERY}")
FIXED = MAIN.replace(
    '''conn.execute("SELECT * FROM users WHERE name = '" + name + "'")''',
    '''conn.execute("SELECT * FROM users WHERE name = ?", (name,))''',
)

GIT_ENV = {"PATH": "/usr/bin:/bin:/usr/local/bin", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    env = {**GIT_ENV, "HOME": str(repo)}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def commit(repo: Path, text: str, message: str, path: str = PATH) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def diff(old: str | None, new: str, path: str = PATH) -> str:
    """``git diff`` of ``path`` going from ``old`` (None: absent) to ``new``, made by real git."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "commit", "-q", "--allow-empty", "-m", "root")
        if old is not None:
            commit(repo, old, "old", path)
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(new)
        git(repo, "add", "-A")
        return git(repo, "diff", "--cached")
