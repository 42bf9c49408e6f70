import hashlib

from flask import Flask, request

app = Flask(__name__)
USERS = {}


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    USERS[username] = hashlib.md5(password.encode()).hexdigest()
    return {"ok": True}
