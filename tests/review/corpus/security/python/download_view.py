import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
REPORT_DIR = "/srv/reports"


@app.route("/reports/download")
def download():
    name = request.args.get("file")
    path = os.path.join(REPORT_DIR, name)
    if not os.path.exists(path):
        abort(404)
    return send_file(path)  # wfc-expect: security high


@app.route("/reports/raw")
def raw():
    name = request.args["file"]
    with open(REPORT_DIR + "/" + name) as fh:  # wfc-expect: security high
        return fh.read(), 200, {"Content-Type": "text/plain"}
