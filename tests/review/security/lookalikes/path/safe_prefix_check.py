import os

from flask import Flask, abort, request

app = Flask(__name__)
LOG_DIR = "/var/log/app"


@app.route("/logs")
def logs():
    name = request.args.get("name", "app.log")
    path = os.path.realpath(os.path.join(LOG_DIR, name))
    if not path.startswith(LOG_DIR + os.sep):
        abort(403)
    with open(path) as fh:
        return fh.read(), 200, {"Content-Type": "text/plain"}
