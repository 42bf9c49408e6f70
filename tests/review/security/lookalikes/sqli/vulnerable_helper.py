import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def find_customer(conn, email):
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM customers WHERE email = '" + email + "'")
    return cur.fetchone()


@app.route("/customer")
def customer():
    conn = sqlite3.connect("crm.db")
    return jsonify(find_customer(conn, request.args["email"]))
