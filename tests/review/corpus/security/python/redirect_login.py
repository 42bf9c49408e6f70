from urllib.parse import urlparse

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["user"]
    next_url = request.args.get("next", "/")
    return redirect(next_url)  # wfc-expect: security medium


@app.route("/login-safe", methods=["POST"])
def login_safe():
    session["user"] = request.form["user"]
    next_url = request.args.get("next", "")
    if not next_url or urlparse(next_url).netloc:
        next_url = url_for("index")
    return redirect(next_url)


@app.route("/")
def index():
    return "home"
