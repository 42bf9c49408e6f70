"""Flask views for the public profile pages."""

import logging
import pickle
import sqlite3

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)
DB_PATH = "/var/lib/profiles.db"


def get_db():
    conn = sqlite3.connect(DB_PATH)  # wfc-expect: reliability medium
    conn.row_factory = sqlite3.Row
    return conn.cursor()


@app.route("/profiles/<int:user_id>")
def profile(user_id):
    cur = get_db()
    row = cur.execute("SELECT * FROM profiles WHERE id = ?", (user_id,)).fetchone()
    if row == None:  # wfc-expect: correctness low
        abort(404)
    return jsonify(dict(row))


@app.route("/profiles/<int:user_id>/avatar")
def avatar(user_id):
    try:
        resp = requests.get(f"https://avatars.example.com/{user_id}", timeout=None)  # wfc-expect: reliability medium
        return resp.content
    except:  # wfc-expect: reliability medium
        return ""


@app.route("/profiles/bulk", methods=["POST"])
def bulk():
    ids = request.json.get("ids", [])
    cur = get_db()
    results = []
    for user_id in ids:
        row = cur.execute("SELECT name FROM profiles WHERE id = ?", (user_id,)).fetchone()  # wfc-expect: performance medium
        if row:
            results.append(row["name"])
    return jsonify(results)


@app.route("/profiles/<int:user_id>/prefs")
def prefs(user_id):
    cur = get_db()
    blob = cur.execute("SELECT prefs FROM profiles WHERE id = ?", (user_id,)).fetchone()
    try:
        data = pickle.loads(blob[0])
    except Exception as e:  # wfc-expect: reliability medium
        pass
    return jsonify(data)
