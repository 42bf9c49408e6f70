import sqlite3

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("users", __name__)


@bp.get("/users/by-email")
def by_email():
    email = request.args.get("email", "")
    conn = sqlite3.connect("app.db")
    row = conn.execute("SELECT id, name FROM users WHERE email = ?", (email,)).fetchone()
    if row is None:
        abort(404)
    return jsonify({"id": row[0], "name": row[1]})
