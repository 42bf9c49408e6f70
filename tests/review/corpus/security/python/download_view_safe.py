import os

from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORT_DIR = "/srv/reports"


@app.route("/reports/download")
def download():
    name = secure_filename(request.args.get("file", ""))
    path = os.path.join(REPORT_DIR, name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path)


@app.route("/reports/raw")
def raw():
    requested = request.args["file"]
    full = os.path.realpath(os.path.join(REPORT_DIR, requested))
    if not full.startswith(REPORT_DIR + os.sep):
        abort(403)
    with open(full) as fh:
        return fh.read(), 200, {"Content-Type": "text/plain"}


@app.route("/reports/static/<path:name>")
def static_report(name):
    return send_from_directory(REPORT_DIR, name)
