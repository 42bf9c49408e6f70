import sqlite3

from flask import Blueprint, jsonify, request

bp = Blueprint("reports", __name__)


@bp.get("/reports/search")
def search_reports():
    owner = request.args.get("owner", "")
    conn = sqlite3.connect("reports.db")
    rows = conn.execute(f"SELECT id, title FROM reports WHERE owner = '{owner}'").fetchall()
    return jsonify([{"id": r[0], "title": r[1]} for r in rows])
