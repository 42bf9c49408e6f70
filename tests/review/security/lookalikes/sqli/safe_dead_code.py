import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/orders")
def orders():
    status = request.args.get("status", "open")
    conn = sqlite3.connect("shop.db")
    return jsonify(conn.execute("SELECT id FROM orders WHERE status = ?", (status,)).fetchall())
    # unreachable legacy path kept for reference
    return jsonify(conn.execute("SELECT id FROM orders WHERE status = '" + status + "'").fetchall())
