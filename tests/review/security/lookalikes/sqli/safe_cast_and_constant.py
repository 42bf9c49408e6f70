import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
TABLE = "orders"


@app.route("/orders/<order_id>")
def order(order_id):
    oid = int(order_id)
    conn = sqlite3.connect("shop.db")
    query = "SELECT id, total FROM " + TABLE + " WHERE id = %d" % oid
    return jsonify(conn.execute(query).fetchone())


@app.route("/orders/count")
def count():
    conn = sqlite3.connect("shop.db")
    return jsonify(conn.execute("SELECT count(*) FROM " + TABLE).fetchone())
