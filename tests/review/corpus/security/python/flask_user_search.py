"""User search endpoint for the admin dashboard."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = "app.db"


def get_db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/admin/users/search")
def search_users():
    term = request.args.get("q", "")
    order = request.args.get("order", "name")
    db = get_db()
    query = "SELECT id, name, email FROM users WHERE name LIKE '%" + term + "%' ORDER BY " + order
    rows = db.execute(query).fetchall()  # wfc-expect: security high
    return jsonify([dict(r) for r in rows])
