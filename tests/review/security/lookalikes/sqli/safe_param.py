import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def db():
    return sqlite3.connect("shop.db")


@app.route("/orders")
def orders():
    status = request.args.get("status", "open")
    sql = "SELECT id, total FROM orders WHERE status = ?"
    rows = db().execute(sql, (status,)).fetchall()
    return jsonify(rows)
