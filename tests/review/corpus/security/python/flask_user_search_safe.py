"""User search endpoint, parameterised and with a whitelisted sort column."""
import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
DB_PATH = "app.db"
SORTABLE = {"name", "email", "created_at"}


def get_db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/admin/users/search")
def search_users():
    term = request.args.get("q", "")
    order = request.args.get("order", "name")
    if order not in SORTABLE:
        abort(400, "bad sort column")
    db = get_db()
    query = "SELECT id, name, email FROM users WHERE name LIKE ? ORDER BY " + order
    rows = db.execute(query, (f"%{term}%",)).fetchall()
    return jsonify([dict(r) for r in rows])
