import os

from flask import Flask, request

app = Flask(__name__)
LOG_DIR = "/var/log/app"


@app.route("/logs")
def logs():
    name = request.args.get("name", "app.log")
    with open(os.path.join(LOG_DIR, name)) as fh:
        return fh.read(), 200, {"Content-Type": "text/plain"}
