import hashlib
import os

from flask import Flask, request

app = Flask(__name__)
USERS = {}


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    salt = os.urandom(16)
    USERS[username] = (salt, hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000))
    return {"ok": True}
